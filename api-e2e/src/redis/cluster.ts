import { membersOf } from '../support/chat';
import type { GroupDetail, ReadyEvent } from '@chat/protocol';
import Redis from 'ioredis';
import { ApiClient, TestUser } from '../support/api-client';
import { createDatabase } from '../support/databases';
import { RunningServer, startServer } from '../support/server';
import { TestSocket } from '../support/ws-client';

/** The Redis the multi-instance specs share (each under a prefix of its own). */
export const REDIS_URL = process.env.E2E_REDIS_URL ?? 'redis://127.0.0.1:6379';

let prefixCounter = 0;
/** A key/channel prefix no other spec file or run uses. */
export function uniqueRedisPrefix(tag: string): string {
  prefixCounter += 1;
  return `chat-e2e-${tag}-${process.pid}-${Date.now().toString(36)}-${prefixCounter}:`;
}

export interface Cluster {
  /** The instances started so far, in start order (a killed one stays listed). */
  readonly servers: RunningServer[];
  /** The environment every instance gets (one database, one Redis prefix, one secret). */
  readonly env: Record<string, string>;
  /** Starts one more instance of the cluster. */
  start(): Promise<RunningServer>;
  /** Opens an authenticated socket on `server` and waits for `ready`; closed by `closeSockets`. */
  connect(server: RunningServer, user: { token: string }): Promise<TestSocket & { ready: ReadyEvent }>;
  /** Opens a raw socket to any `/ws...` URL (nothing awaited after the open); closed by `closeSockets`. */
  open(url: string): Promise<TestSocket>;
  closeSockets(): Promise<void>;
}

/**
 * For the enclosing describe block: one fresh PostgreSQL database, `count`
 * instances sharing it and one Redis prefix (beforeAll), all stopped, the
 * database dropped and the prefix's keys deleted afterwards (afterAll).
 */
export function useCluster(count: number, tag: string, extraEnv: Record<string, string> = {}): () => Cluster {
  let database: { url: string; drop: () => Promise<void> } | undefined;
  let cluster: Cluster | undefined;
  const servers: RunningServer[] = [];
  const sockets: TestSocket[] = [];
  const prefix = uniqueRedisPrefix(tag);

  beforeAll(async () => {
    database = await createDatabase();
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      AUTH_SECRET: `redis-e2e-secret-${tag}`,
      ...extraEnv,
    };
    const start = async () => {
      const server = await startServer({ ...env });
      servers.push(server);
      return server;
    };
    const c: Cluster = {
      servers,
      env,
      start,
      async connect(server, user) {
        const socket = await TestSocket.open(`${server.wsUrl}?token=${encodeURIComponent(user.token)}`);
        sockets.push(socket);
        const ready = await socket.next('ready');
        return Object.assign(socket, { ready });
      },
      async open(url) {
        const socket = await TestSocket.open(url);
        sockets.push(socket);
        return socket;
      },
      async closeSockets() {
        const all = sockets.splice(0, sockets.length);
        await Promise.all(all.map((s) => s.closeAndWait()));
      },
    };
    for (let i = 0; i < count; i++) await start();
    cluster = c;
  }, 30000 + count * 25000);

  afterAll(async () => {
    await Promise.all(sockets.splice(0, sockets.length).map((s) => s.closeAndWait()));
    // stop() tolerates a process that was already killed.
    await Promise.all(servers.map((s) => s.stop()));
    await database?.drop();
    await deleteRedisKeys(prefix);
  }, 30000);

  return () => {
    if (!cluster) throw new Error('cluster not started');
    return cluster;
  };
}

/** Best effort: leaves no keys of this spec's prefix behind in the shared Redis. */
export async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000, enableOfflineQueue: false });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${escapeGlob(prefix)}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } catch {
    // Leftover keys under a unique prefix harm nobody.
  } finally {
    redis.disconnect();
  }
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/** The same user, with a REST client bound to another instance. */
export function on(user: TestUser, server: RunningServer): TestUser {
  return { ...user, api: new ApiClient(server.baseUrl, user.token) };
}

/** `{userId: online}` of a group's members, as instance `server` reports it. */
export async function onlineMap(user: TestUser, server: RunningServer, group: string): Promise<Record<string, boolean>> {
  const res = await new ApiClient(server.baseUrl, user.token).get<GroupDetail>(`/api/groups/${encodeURIComponent(group)}`);
  if (res.status !== 200) throw new Error(`get group failed: ${res.status} ${JSON.stringify(res.body)}`);
  return Object.fromEntries(membersOf(res.body).map((m) => [m.id, m.online]));
}

/**
 * Polls `check` (for state only REST can show, where no event can be awaited)
 * until it returns true; fails after `timeoutMs` with `what` and the last value seen.
 * Resolves with the milliseconds it took.
 */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, intervalMs = 200): Promise<number> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() >= deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
