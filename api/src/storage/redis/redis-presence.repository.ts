import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { connectRedis } from '../../redis/redis-connection';
import { PresenceRepository } from '../presence.repository';

/** An instance that has not said it is alive for this long no longer counts. */
const ALIVE_MS = 15_000;
const HEARTBEAT_MS = 5_000;

/**
 * Counts a user's connections across every instance, atomically (Lua), so
 * exactly one instance sees the first connection open and the last close.
 * Each user has a hash of instance id → connections; instances keep a
 * heartbeat in a sorted set, and counts held by an instance that stopped
 * beating (killed) are ignored, so its users do not stay online forever.
 *
 * This instance also keeps its own counts, which are the truth of its field
 * in every user's hash: while Redis is unreachable a count that could not be
 * written is remembered as stale and written again once Redis is back, and
 * `online` answers from this instance's own connections meanwhile.
 */
export class RedisPresenceRepository extends PresenceRepository implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisPresenceRepository.name);
  private readonly instanceId = randomUUID();
  private readonly redis: Redis;
  private readonly timer: NodeJS.Timeout;
  /** user id → this instance's open connections of that user. */
  private readonly local = new Map<string, number>();
  /** Users whose field in Redis may differ from `local` (a write failed). */
  private readonly stale = new Set<string>();

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    super();
    this.redis = connectRedis(url, 'presence');
    this.redis.defineCommand('chatPresenceAdd', { numberOfKeys: 2, lua: ADD_AND_COUNT });
    this.redis.on('ready', () => void this.rewriteStale());
    void this.beat();
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.timer.unref();
  }

  async connect(userId: string): Promise<boolean> {
    return (await this.add(userId, 1)) === 1;
  }

  async disconnect(userId: string): Promise<boolean> {
    return (await this.add(userId, -1)) === 0;
  }

  async online(userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    try {
      return await this.onlineAnywhere(userIds);
    } catch (error) {
      this.logger.warn({ err: error }, 'presence store unreachable: answering from this instance only');
      return new Set(userIds.filter((id) => (this.local.get(id) ?? 0) > 0));
    }
  }

  private async onlineAnywhere(userIds: readonly string[]): Promise<Set<string>> {
    const alive = new Set(await this.redis.zrangebyscore(this.instancesKey, Date.now() - ALIVE_MS, '+inf'));
    const pipeline = this.redis.pipeline();
    for (const id of userIds) pipeline.hgetall(this.userKey(id));
    const results = (await pipeline.exec()) ?? [];
    const online = new Set<string>();
    results.forEach(([, counts], index) => {
      const byInstance = (counts ?? {}) as Record<string, string>;
      if (Object.entries(byInstance).some(([instance, count]) => alive.has(instance) && Number(count) > 0)) online.add(userIds[index]);
    });
    return online;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.redis.zrem(this.instancesKey, this.instanceId).catch(() => undefined);
    await this.redis.quit().catch(() => undefined);
  }

  private async add(userId: string, delta: number): Promise<number> {
    const count = (this.local.get(userId) ?? 0) + delta;
    if (count > 0) this.local.set(userId, count);
    else this.local.delete(userId);
    if (this.stale.has(userId)) {
      // Redis holds an older count of ours: a relative change would build on it.
      throw new Error('presence of this user is waiting to be rewritten in Redis');
    }
    const run = (this.redis as unknown as { chatPresenceAdd: (...args: unknown[]) => Promise<number> }).chatPresenceAdd;
    try {
      return Number(await run.call(this.redis, this.userKey(userId), this.instancesKey, this.instanceId, delta, Date.now() - ALIVE_MS));
    } catch (error) {
      this.stale.add(userId);
      throw error;
    }
  }

  /** Once Redis is back: our field of every stale user's hash is set to what this instance really holds. */
  private async rewriteStale(): Promise<void> {
    if (this.stale.size === 0) return;
    const users = [...this.stale];
    const pipeline = this.redis.pipeline();
    for (const userId of users) {
      const count = this.local.get(userId) ?? 0;
      if (count > 0) pipeline.hset(this.userKey(userId), this.instanceId, count);
      else pipeline.hdel(this.userKey(userId), this.instanceId);
    }
    try {
      const results = (await pipeline.exec()) ?? [];
      users.forEach((userId, i) => {
        if (!results[i]?.[0]) this.stale.delete(userId);
      });
      this.logger.log({ users: users.length }, 'presence counts rewritten after Redis came back');
    } catch (error) {
      this.logger.warn({ err: error }, 'presence counts not rewritten yet');
    }
  }

  private async beat(): Promise<void> {
    await this.redis.zadd(this.instancesKey, Date.now(), this.instanceId).catch(() => undefined);
  }

  private get instancesKey(): string {
    return `${this.prefix}presence:instances`;
  }

  private userKey(userId: string): string {
    return `${this.prefix}presence:user:${userId}`;
  }
}

/** KEYS: user hash, instances zset. ARGV: instance id, delta, oldest live heartbeat. Returns the live total. */
const ADD_AND_COUNT = `
local count = redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])
if count <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
redis.call('ZADD', KEYS[2], 'GT', ARGV[3] + ${ALIVE_MS}, ARGV[1])
local total = 0
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  local beat = redis.call('ZSCORE', KEYS[2], all[i])
  if beat and tonumber(beat) >= tonumber(ARGV[3]) then total = total + tonumber(all[i + 1]) end
end
return total
`;
