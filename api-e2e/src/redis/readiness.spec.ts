import { createDatabase } from '../support/databases';
import { RunningServer, startServer } from '../support/server';
import { deleteRedisKeys, REDIS_URL, uniqueRedisPrefix, waitFor } from './cluster';
import { TcpProxy } from './tcp-proxy';

interface Readiness {
  status: number;
  body: { status: string; info: Record<string, { status: string }>; error: Record<string, { status: string }> };
}

async function readiness(server: RunningServer): Promise<Readiness> {
  const res = await fetch(`${server.baseUrl}/api/health/ready`);
  return { status: res.status, body: await res.json() };
}

/**
 * GET /api/health/ready on PostgreSQL and Redis. Redis is reached through a
 * relay the test can cut, so it can be "down" for this server alone.
 */
describe('readiness on PostgreSQL and Redis', () => {
  const prefix = uniqueRedisPrefix('readiness');
  let proxy: TcpProxy;
  let database: { url: string; drop: () => Promise<void> };
  let server: RunningServer;

  beforeAll(async () => {
    const redis = new URL(REDIS_URL);
    proxy = await TcpProxy.start({ host: redis.hostname, port: Number(redis.port) || 6379 });
    database = await createDatabase();
    const viaProxy = new URL(REDIS_URL);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    server = await startServer({ DATABASE_URL: database.url, REDIS_URL: viaProxy.toString(), REDIS_PREFIX: prefix, AUTH_SECRET: 'readiness-secret' });
  }, 60000);

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    await proxy?.stop();
    await deleteRedisKeys(prefix);
  }, 30000);

  it('is 200 with the database (PostgreSQL) and Redis up', async () => {
    const { status, body } = await readiness(server);
    expect(status).toBe(200);
    // attempt() adds each ping's responseTime (ms).
    const database = { status: 'up', store: 'postgres', responseTime: expect.any(Number) };
    const redis = { status: 'up', responseTime: expect.any(Number) };
    expect(body).toEqual({ status: 'ok', info: { database, redis }, error: {}, details: { database, redis } });
  });

  it('is 503 with Redis down while Redis is unreachable, and 200 again once it is back; liveness stays 200', async () => {
    proxy.cutOff();
    let down: Readiness | undefined;
    await waitFor('readiness 503', async () => (down = await readiness(server)).status === 503, 10000);
    expect(down?.body.status).toBe('error');
    expect(down?.body.error.redis?.status).toBe('down');
    expect(down?.body.info.database?.status).toBe('up');
    expect((await fetch(`${server.baseUrl}/api/health`)).status).toBe(200);

    proxy.restore();
    await waitFor('readiness 200 again', async () => (await readiness(server)).status === 200, 15000);
  });
});
