import { Injectable } from '@nestjs/common';
import type { LiveEvent } from './live-event';
import { LiveEvents } from './live-events';

/**
 * One process: events are delivered synchronously, in publish order, which
 * keeps a group's messages in seq order on every socket.
 * Per-group order end to end: docs/decisions/ordering-and-acknowledgement.md
 */
@Injectable()
export class LocalLiveEvents extends LiveEvents {
  publish(event: LiveEvent): void {
    this.deliver(event);
  }

  /** Delivery is synchronous: everything published has been delivered already. */
  async settle(): Promise<void> {
    return;
  }
}
