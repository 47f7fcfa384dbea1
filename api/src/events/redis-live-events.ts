import { Logger, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { connectRedis } from '../redis/redis-connection';
import type { LiveEvent } from './live-event';
import { LiveEvents } from './live-events';

/** What travels on the channel: the event and the instance that published it. */
interface Envelope {
  origin: string;
  event: LiveEvent;
}

/** Redis unreachable at shutdown: do not wait for publications in flight longer than this. */
const SETTLE_TIMEOUT_MS = 1000;
/** Both connections come back at about the same moment: one resync for both. */
const RESYNC_DELAY_MS = 200;

/**
 * Live events shared by every instance through one Redis pub/sub channel.
 *
 * An instance delivers its own events to its own listeners at once, in
 * publish order, and publishes them for the others (which skip their own
 * when Redis echoes them): so while Redis is unreachable each instance
 * still serves its own sockets, in order. Messages of several instances
 * that arrive out of seq order are put back in order by the delivery's
 * sequencer (docs/decisions/ordering-and-acknowledgement.md).
 *
 * Pub/sub keeps nothing for a subscriber that was away, so an interrupted
 * connection (either of the two) ends in a `resync`: once ioredis has
 * reconnected, this instance resubscribes, raises `resync` for its own
 * listeners (the chat re-reads from storage what it may have missed), and
 * publishes one so that every other instance does the same: the events
 * this instance could not publish meanwhile were missed by all of them
 * (docs/decisions/local-first-live-events.md).
 */
export class RedisLiveEvents extends LiveEvents implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisLiveEvents.name);
  private readonly instanceId = randomUUID();
  private readonly channel: string;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  /** Publications handed to ioredis and not yet answered. */
  private publishing = 0;
  private readonly settled: Array<() => void> = [];
  /** A connection was lost since the last resync (or a publication failed). */
  private interrupted = false;
  private resyncTimer?: NodeJS.Timeout;
  private closing = false;

  private constructor(url: string, prefix: string) {
    super();
    this.channel = `${prefix}events`;
    this.publisher = connectRedis(url, 'publisher');
    this.subscriber = connectRedis(url, 'subscriber');
    this.subscriber.on('message', (channel: string, payload: string) => {
      if (channel === this.channel) this.dispatch(payload);
    });
    for (const client of [this.publisher, this.subscriber]) {
      client.on('close', () => (this.interrupted = true));
      client.on('ready', () => this.interrupted && this.scheduleResync());
    }
  }

  static async connect(url: string, prefix: string): Promise<RedisLiveEvents> {
    const events = new RedisLiveEvents(url, prefix);
    await events.subscriber.subscribe(events.channel);
    // Connected: what counts as an interruption starts now.
    events.interrupted = false;
    return events;
  }

  publish(event: LiveEvent): void {
    this.deliver(event);
    // Serialised once per event, whatever the number of instances and recipients.
    const envelope: Envelope = { origin: this.instanceId, event };
    this.publishing++;
    this.publisher.publish(this.channel, JSON.stringify(envelope)).then(this.published, (error: unknown) => {
      // The other instances missed it: they catch up when this connection is back.
      this.interrupted = true;
      this.logger.warn({ err: error, event: event.type }, 'could not publish a live event to other instances');
      this.published();
    });
  }

  /** One publication answered by Redis (either way); the last one in flight releases settle(). */
  private readonly published = (): void => {
    if (--this.publishing === 0) this.settled.splice(0).forEach((done) => done());
  };

  /**
   * Own events reach own listeners synchronously; this waits until every
   * publication for the other instances has been answered by Redis (at
   * most SETTLE_TIMEOUT_MS, in case it is unreachable).
   */
  async settle(): Promise<void> {
    if (this.publishing === 0) return;
    await new Promise<void>((done) => {
      const timer = setTimeout(done, SETTLE_TIMEOUT_MS);
      timer.unref();
      this.settled.push(() => {
        clearTimeout(timer);
        done();
      });
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    clearTimeout(this.resyncTimer);
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()]);
  }

  private scheduleResync(): void {
    if (this.resyncTimer || this.closing) return;
    this.resyncTimer = setTimeout(() => void this.resync(), RESYNC_DELAY_MS);
    this.resyncTimer.unref();
  }

  private async resync(): Promise<void> {
    this.resyncTimer = undefined;
    if (this.publisher.status !== 'ready' || this.subscriber.status !== 'ready') return; // the other one's 'ready' will call again
    this.interrupted = false;
    try {
      // Whatever is published from here on reaches us: ioredis resubscribes by itself, this makes sure it is done.
      await this.subscriber.subscribe(this.channel);
    } catch (error) {
      this.interrupted = true;
      this.logger.warn({ err: error }, 'could not resubscribe to live events');
      return;
    }
    this.logger.log('live events bus is back: resyncing from storage');
    this.publish({ type: 'resync' });
  }

  private dispatch(payload: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(payload) as Envelope;
    } catch {
      this.logger.error('ignored a live event that is not JSON');
      return;
    }
    if (envelope.origin === this.instanceId || !envelope.event) return;
    this.deliver(envelope.event);
  }
}
