/**
 * What went wrong, in the domain's words. Services throw these; the edges
 * translate them once: the HTTP filter into a status, the gateway into a
 * WebSocket `error` code.
 */
export type DomainErrorCode =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_many_attempts'
  /** The server cannot do it now (its database is unreachable, or it is overloaded); retry later. */
  | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Seconds until a retry may succeed, for `too_many_attempts` and `unavailable`. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const groupNotFound = (name: string) => new DomainError('not_found', `Group "${name}" does not exist`);
export const notAMember = (name: string) => new DomainError('forbidden', `You are not a member of group "${name}"`);
