import type { LiveEvent } from './live-event';

export type LiveEventListener = (event: LiveEvent) => void;

/**
 * Port: the bus that live events travel on. The in-process adapter is the
 * default; with several instances a Redis adapter makes every instance hear
 * every event. Domain services publish; the chat fan-out listens.
 */
export abstract class LiveEvents {
  abstract publish(event: LiveEvent): void;
  abstract subscribe(listener: LiveEventListener): void;
  /**
   * Resolves once every event this instance published so far has reached
   * its own listeners (shutdown waits for it, so that each acknowledged
   * send's echo is written before the sockets close).
   */
  abstract settle(): Promise<void>;
}
