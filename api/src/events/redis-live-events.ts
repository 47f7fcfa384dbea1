import { Logger, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { connectRedis } from '../redis/redis-connection';
import type { LiveEvent } from './live-event';
import { LiveEventListener, LiveEvents } from './live-events';

/** A marker that `settle` sends through the channel; not a live event, every instance skips it. */
const SETTLE_MARKER = 'settle-marker';
/** Redis unreachable at shutdown: do not wait for the marker longer than this. */
const SETTLE_TIMEOUT_MS = 1000;

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
  /** settle() calls waiting for their marker to come back, by marker id. */
  private readonly settling = new Map<string, () => void>();

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

  /**
   * Publishes a marker and waits for it to come back: Redis delivers one
   * connection's publications in order, so by then every event this
   * instance published earlier has been dispatched here too.
   */
  async settle(): Promise<void> {
    const id = randomUUID();
    await new Promise<void>((done) => {
      const timer = setTimeout(done, SETTLE_TIMEOUT_MS);
      timer.unref();
      this.settling.set(id, () => {
        clearTimeout(timer);
        done();
      });
      this.publisher.publish(this.channel, JSON.stringify({ type: SETTLE_MARKER, id })).catch(() => done());
    });
    this.settling.delete(id);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()]);
  }

  private dispatch(payload: string): void {
    let event: LiveEvent | { type: typeof SETTLE_MARKER; id: string };
    try {
      event = JSON.parse(payload) as LiveEvent | { type: typeof SETTLE_MARKER; id: string };
    } catch {
      this.logger.error('ignored a live event that is not JSON');
      return;
    }
    if (event.type === SETTLE_MARKER) {
      this.settling.get(event.id)?.();
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
