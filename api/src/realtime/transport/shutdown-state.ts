import { Injectable } from '@nestjs/common';

/**
 * Whether this instance still takes new WebSockets and frames, and how many
 * frames it is handling: the one place the gateway, the frame handler and
 * the drain read. A counter rather than a set of promises, so counting a
 * frame allocates nothing (it runs for every frame).
 */
@Injectable()
export class ShutdownState {
  private open = true;
  private inFlight = 0;
  private idle?: () => void;
  private idlePromise?: Promise<void>;

  /** False once shutdown has begun. */
  get accepting(): boolean {
    return this.open;
  }

  /** A frame was taken; `frameDone()` must follow exactly once. */
  frameTaken(): void {
    this.inFlight++;
  }

  frameDone(): void {
    if (--this.inFlight === 0 && this.idle) this.idle();
  }

  /** Stops accepting, and resolves once every frame taken so far is done. */
  begin(): Promise<void> {
    this.open = false;
    if (this.inFlight === 0) return Promise.resolve();
    this.idlePromise ??= new Promise<void>((resolve) => (this.idle = resolve));
    return this.idlePromise;
  }
}
