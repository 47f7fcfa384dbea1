import { DomainError } from './errors/domain-error';

/**
 * Runs at most `concurrency` tasks at once; up to `maxWaiting` more wait
 * their turn, first come first served. One more is refused at once with
 * `unavailable` (HTTP 503 with Retry-After): a queue without a bound only
 * turns an overload into unbounded waits and memory.
 */
export class BoundedWorkQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  /** Moving average of a task's duration, for Retry-After; 0 until one has run. */
  private averageMs = 0;

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    const started = performance.now();
    try {
      return await task();
    } finally {
      this.record(performance.now() - started);
      this.release();
    }
  }

  private acquire(): Promise<void> | void {
    if (this.running < this.concurrency) {
      this.running += 1;
      return;
    }
    if (this.waiting.length >= this.maxWaiting) throw this.busy();
    return new Promise((turn) => this.waiting.push(turn));
  }

  /** Hands the slot straight to the next in line, so a newcomer cannot take it first. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running -= 1;
  }

  private record(durationMs: number): void {
    this.averageMs = this.averageMs === 0 ? durationMs : 0.8 * this.averageMs + 0.2 * durationMs;
  }

  /** Refused now; a retry has a chance once the line ahead of it has drained. */
  private busy(): DomainError {
    const drainMs = ((this.waiting.length + this.running) / this.concurrency) * this.averageMs;
    const seconds = Math.max(1, Math.ceil(drainMs / 1000));
    return new DomainError('unavailable', `The server is busy; try again in ${seconds} s`, seconds);
  }
}
