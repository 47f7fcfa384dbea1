import { Logger } from '@nestjs/common';
import type { LiveEvent } from './live-event';

export type LiveEventListener = (event: LiveEvent) => void;

/**
 * Port: the bus that live events travel on. The in-process adapter is the
 * default; with several instances a Redis adapter makes every instance hear
 * every event. Domain services publish; the chat fan-out listens.
 */
export abstract class LiveEvents {
  private readonly listenerLogger = new Logger(LiveEvents.name);
  private readonly listeners: LiveEventListener[] = [];

  abstract publish(event: LiveEvent): void;
  /**
   * Resolves once every event this instance published so far has reached
   * its own listeners and, with several instances, been handed on to the
   * others (shutdown waits for it before closing sockets and connections).
   */
  abstract settle(): Promise<void>;

  subscribe(listener: LiveEventListener): void {
    this.listeners.push(listener);
  }

  /** To this instance's listeners, synchronously, in order. */
  protected deliver(event: LiveEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        // One failing listener must not stop delivery to the others, nor fail the sender.
        this.listenerLogger.error({ err: error, event: event.type }, 'live event listener failed');
      }
    }
  }
}
