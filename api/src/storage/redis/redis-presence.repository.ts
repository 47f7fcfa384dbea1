import { OnApplicationShutdown } from '@nestjs/common';
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
 */
export class RedisPresenceRepository extends PresenceRepository implements OnApplicationShutdown {
  private readonly instanceId = randomUUID();
  private readonly redis: Redis;
  private readonly timer: NodeJS.Timeout;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    super();
    this.redis = connectRedis(url, 'presence');
    this.redis.defineCommand('chatPresenceAdd', { numberOfKeys: 2, lua: ADD_AND_COUNT });
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
    const run = (this.redis as unknown as { chatPresenceAdd: (...args: unknown[]) => Promise<number> }).chatPresenceAdd;
    return Number(await run.call(this.redis, this.userKey(userId), this.instancesKey, this.instanceId, delta, Date.now() - ALIVE_MS));
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
