import { availableParallelism } from 'node:os';
import { ConfigError, loadConfig, parseDuration } from './app-config';

describe(loadConfig.name, () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      redisUrl: undefined,
      tokenTtlSeconds: 604_800,
      allowedOrigins: null,
      wsRateLimit: 20,
    });
  });

  it('has the documented defaults for the login, sign-up and hashing limits', () => {
    expect(loadConfig({})).toMatchObject({
      trustProxy: 0,
      login: { maxFailuresPerEmailFromAddress: 5, maxFailuresPerEmail: 100, maxFailuresPerAddress: 100, windowSeconds: 900 },
      signup: { burstPerAddress: 300, perMinutePerAddress: 60 },
      passwordHashCost: 17,
      passwordHashQueueLimit: 100,
    });
  });

  it.each([
    [{}, Math.min(2, availableParallelism())],
    [{ UV_THREADPOOL_SIZE: '3' }, 1],
    [{ UV_THREADPOOL_SIZE: '1' }, 1],
    [{ PASSWORD_HASH_CONCURRENCY: '3' }, 3],
  ])('hashes at most two threads short of the libuv pool, one at least, and no more than the cores, by default: %p → %p', (env, expected) => {
    expect(loadConfig(env).passwordHashConcurrency).toBe(expected);
  });

  it('makes up a different strong AUTH_SECRET at each start when none is set', () => {
    const first = loadConfig({}).authSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({}).authSecret).not.toBe(first);
  });

  it('takes every override', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://chat@db/chat',
      REDIS_URL: 'redis://cache:6379',
      AUTH_TOKEN_TTL: '12h',
      AUTH_SECRET: 'shared secret',
      ALLOWED_ORIGINS: 'https://chat.example.com/, http://localhost:4200',
      WS_RATE_LIMIT: '0',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://chat@db/chat',
      redisUrl: 'redis://cache:6379',
      tokenTtlSeconds: 43_200,
      authSecret: 'shared secret',
      allowedOrigins: ['https://chat.example.com', 'http://localhost:4200'],
      wsRateLimit: 0,
    });
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', ALLOWED_ORIGINS: ' ', DATABASE_URL: '' })).toMatchObject({
      port: 3000,
      allowedOrigins: null,
      databaseUrl: undefined,
    });
  });

  it.each([
    [{ PORT: 'http' }, /PORT must be an integer from 0 to 65535, got "http"/],
    [{ PORT: '3000.5' }, /PORT must be an integer/],
    [{ PORT: '70000' }, /PORT must be an integer/],
    [{ WS_RATE_LIMIT: '-1' }, /WS_RATE_LIMIT must be an integer/],
    [{ DATABASE_URL: 'mysql://db/chat' }, /DATABASE_URL must start with postgres:\/\/ or postgresql:\/\//],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL is not a URL/],
    [{ REDIS_URL: 'http://cache' }, /REDIS_URL must start with redis:\/\//],
    [{ AUTH_TOKEN_TTL: '7 days' }, /AUTH_TOKEN_TTL must be a duration/],
    [{ ALLOWED_ORIGINS: 'https://ok.example, chat.example.com' }, /ALLOWED_ORIGINS: "chat.example.com" is not an origin/],
  ])('refuses %j with a clear message', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('refuses REDIS_URL without DATABASE_URL: instances that share live events must share storage', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://cache:6379' })).toThrow(ConfigError);
    expect(() => loadConfig({ REDIS_URL: 'redis://cache:6379' })).toThrow(/REDIS_URL needs DATABASE_URL/);
    expect(loadConfig({ REDIS_URL: 'redis://cache:6379', DATABASE_URL: 'postgres://chat@db/chat' }).redisUrl).toBe('redis://cache:6379');
  });

  // A scheme-less host:port parses as a URL whose origin is the string "null",
  // which would then allow pages that send `Origin: null` (sandboxed iframes, file://).
  it.each(['localhost:4200', 'file:///home/me/chat.html'])('refuses %p, which has no web origin', (origin) => {
    expect(() => loadConfig({ ALLOWED_ORIGINS: origin })).toThrow(/ALLOWED_ORIGINS/);
  });
});

describe(parseDuration.name, () => {
  it.each([
    ['3600', 3600],
    ['90s', 90],
    ['30m', 1800],
    ['12h', 43_200],
    ['7d', 604_800],
    ['2w', 1_209_600],
    [' 15 m ', 900],
  ])('reads %p as %p seconds', (raw, seconds) => {
    expect(parseDuration(raw)).toBe(seconds);
  });

  it.each(['', '0', '0d', '-5m', '1.5h', '7y', 'd', 'forever'])('refuses %p', (raw) => {
    expect(parseDuration(raw)).toBeUndefined();
  });
});
