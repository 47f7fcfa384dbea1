import { Logger, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { connectRedis } from '../redis/redis-connection';
import type { LiveEvent } from './live-event';
import { LiveEventListener, LiveEvents } from './live-events';

/**
 * Live events shared by every instance through one Redis pub/sub channel.
 * Even this instance's own events come back through Redis, so every
 * instance sees them in the order Redis does; messages that still arrive
 * out of seq order (two instances publishing at once) are put back in
 * order by the chat fan-out's sequencer.
 */
export class RedisLiveEvents extends LiveEvents implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisLiveEvents.name);
  private readonly listeners: LiveEventListener[] = [];
  private readonly channel: string;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;

  private constructor(url: string, prefix: string) {
    super();
    this.channel = `${prefix}events`;
    this.publisher = connectRedis(url, 'publisher');
    this.subscriber = connectRedis(url, 'subscriber');
    this.subscriber.on('message', (channel: string, payload: string) => {
      if (channel === this.channel) this.dispatch(payload);
    });
  }

  static async connect(url: string, prefix: string): Promise<RedisLiveEvents> {
    const events = new RedisLiveEvents(url, prefix);
    await events.subscriber.subscribe(events.channel);
    return events;
  }

  publish(event: LiveEvent): void {
    // Serialised once per event, whatever the number of instances and recipients.
    this.publisher.publish(this.channel, JSON.stringify(event)).catch((error: unknown) => {
      this.logger.error({ err: error, event: event.type }, 'could not publish a live event');
    });
  }

  subscribe(listener: LiveEventListener): void {
    this.listeners.push(listener);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()]);
  }

  private dispatch(payload: string): void {
    let event: LiveEvent;
    try {
      event = JSON.parse(payload) as LiveEvent;
    } catch {
      this.logger.error('ignored a live event that is not JSON');
      return;
    }
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error({ err: error, event: event.type }, 'live event listener failed');
      }
    }
  }
}
