import { Logger } from '@nestjs/common';
import Redis, { type RedisOptions } from 'ioredis';

/**
 * An ioredis client that reconnects by itself and logs instead of crashing
 * when Redis goes away for a while. ioredis is the well-kept client with
 * pub/sub, pipelines and Lua scripts, all of which this app uses.
 */
export function connectRedis(url: string, name: string, options: RedisOptions = {}): Redis {
  const logger = new Logger(`Redis:${name}`);
  const client = new Redis(url, { connectionName: name, maxRetriesPerRequest: 3, enableAutoPipelining: true, ...options });
  client.on('error', (error) => logger.warn({ err: error }, 'Redis connection problem'));
  return client;
}
