import { Injectable, Logger } from '@nestjs/common';
import type { LiveEvent } from './live-event';
import { LiveEventListener, LiveEvents } from './live-events';

/**
 * One process: events are delivered synchronously, in publish order, which
 * keeps a group's messages in seq order on every socket.
 * Per-group order end to end: docs/decisions/ordering-and-acknowledgement.md
 */
@Injectable()
export class LocalLiveEvents extends LiveEvents {
  private readonly logger = new Logger(LocalLiveEvents.name);
  private readonly listeners: LiveEventListener[] = [];

  publish(event: LiveEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        // One failing listener must not stop delivery to the others, nor fail the sender.
        this.logger.error({ err: error, event: event.type }, 'live event listener failed');
      }
    }
  }

  subscribe(listener: LiveEventListener): void {
    this.listeners.push(listener);
  }

  /** Delivery is synchronous: everything published has been delivered already. */
  async settle(): Promise<void> {
    return;
  }
}
