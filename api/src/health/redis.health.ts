import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { connectRedis } from '../redis/redis-connection';
import { PING_TIMEOUT_MS } from './database.health';

/**
 * `redis`: a PING when REDIS_URL is set. It has a connection of its own
 * without an offline queue, so while Redis is unreachable the ping fails
 * at once instead of waiting for a reconnect.
 */
@Injectable()
export class RedisHealthIndicator implements OnApplicationShutdown {
  private readonly client?: Redis;

  constructor(
    private readonly indicators: HealthIndicatorService,
    config: AppConfig,
  ) {
    if (config.redisUrl) this.client = connectRedis(config.redisUrl, 'health', { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  }

  /** Whether there is a Redis to check. */
  get configured(): boolean {
    return this.client !== undefined;
  }

  check(): PromiseLike<HealthIndicatorResult<'redis'>> {
    const client = this.client;
    return this.indicators
      .check('redis')
      .attempt(async () => {
        if (!client) throw new Error('REDIS_URL is not set');
        await client.ping();
      })
      .withTimeout(PING_TIMEOUT_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client?.quit().catch(() => undefined);
  }
}
