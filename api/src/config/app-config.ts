import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';

/**
 * Every setting of the server, parsed and validated once at start from the
 * environment (CONTRACT.md, "Configuration") and injected where needed, so no
 * code reads `process.env` on its own. Built from named fields, so adding a
 * setting cannot shift another one.
 */
export class AppConfig {
  declare readonly port: number;
  declare readonly host: string;
  declare readonly databaseUrl: string | undefined;
  declare readonly redisUrl: string | undefined;
  /** Seconds a session token is valid. */
  declare readonly tokenTtlSeconds: number;
  declare readonly authSecret: string;
  /** `null`: only the origin the request was addressed to. */
  declare readonly allowedOrigins: readonly string[] | null;
  /** Frames per second per connection; 0 turns the limit off. */
  declare readonly wsRateLimit: number;
  declare readonly wsPingIntervalMs: number;
  /** Open sockets one user may hold; one more is closed with 4429. */
  declare readonly wsMaxConnectionsPerUser: number;
  /** Reverse-proxy hops to trust for the client address (Express's `trust proxy`); 0 trusts none. */
  declare readonly trustProxy: number;
  declare readonly logLevel: string;
  declare readonly login: LoginThrottleConfig;
  declare readonly signup: SignupThrottleConfig;
  /** log2 of scrypt's cost parameter N. */
  declare readonly passwordHashCost: number;
  /** Password hashes computed at once (each holds a libuv thread and 128 * 2^cost * 8 bytes). */
  declare readonly passwordHashConcurrency: number;
  /** Hashes that may wait for a turn; one more is refused with 503. */
  declare readonly passwordHashQueueLimit: number;
  /** Where the built web client is, if it was built. */
  declare readonly webRoot: string | undefined;
  /** Prefix of every Redis key and channel, so deployments (and test runs) can share a Redis. */
  declare readonly redisPrefix: string;

  constructor(settings: Settings) {
    Object.assign(this, settings);
  }
}

/** The fields of AppConfig, as loadConfig (or a test) hands them over. */
export type Settings = { readonly [K in keyof AppConfig]: AppConfig[K] };

export interface LoginThrottleConfig {
  /** Per email from one client address: the strict limit, which only that address can use up. */
  maxFailuresPerEmailFromAddress: number;
  /** Per email from all addresses together: stops guessing spread over many addresses. */
  maxFailuresPerEmail: number;
  /** Per client address over all emails. */
  maxFailuresPerAddress: number;
  windowSeconds: number;
}

/** A token bucket per client address. */
export interface SignupThrottleConfig {
  burstPerAddress: number;
  perMinutePerAddress: number;
}

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {}

/**
 * Reads and checks every setting, each on its own and then the rules
 * between them: a ConfigError says, in words, what is wrong. Call it once
 * per process (main.ts) and hand the result to AppModule.register: an unset
 * AUTH_SECRET is drawn here, anew on each call.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const config = new AppConfig({
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: env['HOST'] || '127.0.0.1',
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    tokenTtlSeconds: duration(env, 'AUTH_TOKEN_TTL', '7d'),
    authSecret: env['AUTH_SECRET'] || randomBytes(32).toString('base64url'),
    allowedOrigins: origins(env['ALLOWED_ORIGINS']),
    wsRateLimit: integer(env, 'WS_RATE_LIMIT', 20, 0, 1_000_000),
    wsPingIntervalMs: integer(env, 'WS_PING_INTERVAL_MS', 30_000, 50, 3_600_000),
    wsMaxConnectionsPerUser: integer(env, 'WS_MAX_CONNECTIONS_PER_USER', 20, 1, 100_000),
    trustProxy: integer(env, 'TRUST_PROXY', 0, 0, 100),
    logLevel: env['LOG_LEVEL'] || 'info',
    login: {
      maxFailuresPerEmailFromAddress: integer(env, 'LOGIN_MAX_FAILURES_PER_EMAIL_FROM_ADDRESS', 5, 1, 1_000_000),
      maxFailuresPerEmail: integer(env, 'LOGIN_MAX_FAILURES_PER_EMAIL', 100, 1, 1_000_000),
      maxFailuresPerAddress: integer(env, 'LOGIN_MAX_FAILURES_PER_ADDRESS', 100, 1, 1_000_000),
      windowSeconds: integer(env, 'LOGIN_FAILURE_WINDOW_SECONDS', 900, 1, 86_400),
    },
    signup: {
      burstPerAddress: integer(env, 'SIGNUP_BURST_PER_ADDRESS', 300, 1, 1_000_000),
      perMinutePerAddress: integer(env, 'SIGNUP_PER_MINUTE_PER_ADDRESS', 60, 1, 1_000_000),
    },
    passwordHashCost: integer(env, 'PASSWORD_HASH_COST', 17, 10, 20),
    passwordHashConcurrency: integer(env, 'PASSWORD_HASH_CONCURRENCY', defaultHashConcurrency(env), 1, 1024),
    passwordHashQueueLimit: integer(env, 'PASSWORD_HASH_QUEUE_LIMIT', 100, 0, 100_000),
    webRoot: env['WEB_ROOT'] || undefined,
    redisPrefix: env['REDIS_PREFIX'] || 'chat:',
  });
  checkCrossFieldRules(config);
  return config;
}

/** Rules that involve more than one setting. */
function checkCrossFieldRules(config: AppConfig): void {
  // Instances that share live events must share storage too.
  if (config.redisUrl && !config.databaseUrl) throw new ConfigError('REDIS_URL needs DATABASE_URL: instances must share one database');
}

/**
 * scrypt runs on libuv's thread pool (UV_THREADPOOL_SIZE, 4 by default),
 * which file reads, DNS lookups and zlib share: hashing may take all but two
 * of its threads, and no more than there are cores, past which it only
 * adds memory, not speed.
 */
function defaultHashConcurrency(env: Env): number {
  const threadPool = integer(env, 'UV_THREADPOOL_SIZE', 4, 1, 1024);
  return Math.max(1, Math.min(availableParallelism(), threadPool - 2));
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a URL`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return raw;
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** `3600`, `90s`, `30m`, `12h`, `7d`, `2w` → seconds. */
export function parseDuration(raw: string): number | undefined {
  const match = /^(\d+)\s*([smhdw]?)$/.exec(raw.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]) * (UNIT_SECONDS[match[2] || 's'] ?? 1);
  return Number.isSafeInteger(seconds) && seconds > 0 ? seconds : undefined;
}

function duration(env: Env, name: string, fallback: string): number {
  const raw = env[name] || fallback;
  const seconds = parseDuration(raw);
  if (seconds === undefined) throw new ConfigError(`${name} must be a duration such as 3600, 30m, 12h or 7d, got "${raw}"`);
  return seconds;
}

function origins(raw: string | undefined): string[] | null {
  if (!raw || !raw.trim()) return null;
  return raw
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter(Boolean)
    .map((origin) => {
      const parsed = URL.canParse(origin) ? new URL(origin) : undefined;
      // `new URL('localhost:4200').origin` is the string "null", which would let any
      // sandboxed or file:// page in: only http(s) origins are accepted.
      if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
        throw new ConfigError(`ALLOWED_ORIGINS: "${origin}" is not an origin such as https://chat.example.com`);
      }
      return parsed.origin;
    });
}
