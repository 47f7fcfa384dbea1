import { DomainError } from './domain-error';

/** What a client is told to wait before retrying while a store is unreachable. */
export const STORE_RETRY_AFTER_SECONDS = 2;

/** Node's codes for a connection that could not be made or was lost. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * PostgreSQL's SQLSTATEs that say "not now" rather than "not this":
 * class 08 (connection exception), 53 (insufficient resources),
 * 57P01-57P03 (shut down, crashed, starting up), 57014 (statement timeout).
 */
function isTransientSqlState(code: string): boolean {
  return code.startsWith('08') || code.startsWith('53') || code === '57P01' || code === '57P02' || code === '57P03' || code === '57014';
}

/**
 * pg reports a lost or refused connection without a code, only in words;
 * ioredis names its own give-ups. These are the texts of pg 8 and ioredis 5.
 */
const TRANSIENT_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Query read timeout',
  'Client has encountered a connection error',
  'Connection is closed',
  'Reached the max retries per request limit',
  "Stream isn't writeable",
];

/**
 * Whether `error` means that a store (PostgreSQL, Redis) cannot be reached
 * right now: the request was fine and may succeed if retried later. The
 * edges answer it with HTTP 503 and the WebSocket error `unavailable`,
 * never as if the client's data were wrong.
 */
export function isStoreUnavailable(error: unknown): boolean {
  if (error instanceof DomainError) return error.code === 'unavailable';
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || (code.length === 5 && isTransientSqlState(code)))) return true;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  return TRANSIENT_MESSAGES.some((text) => error.message.includes(text));
}

export const storeUnavailable = () =>
  new DomainError('unavailable', 'The server cannot reach its database right now; try again shortly', STORE_RETRY_AFTER_SECONDS);

/** More work is waiting for the database than it could do in a few seconds: refuse more at once. */
export const storeBusy = () => new DomainError('unavailable', 'The server is too busy to store this now; try again shortly', 1);
