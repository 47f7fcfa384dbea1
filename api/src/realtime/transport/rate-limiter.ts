/**
 * Token bucket: `perSecond` frames a second on average, bursts of up to
 * twice that (CONTRACT.md, WS_RATE_LIMIT). `perSecond` 0 turns it off.
 */
export class RateLimiter {
  private tokens: number;
  private updatedAt = performance.now();
  private readonly capacity: number;

  constructor(private readonly perSecond: number) {
    this.capacity = perSecond * 2;
    this.tokens = this.capacity;
  }

  /** Takes one token; `false` when the bucket is empty. */
  take(now = performance.now()): boolean {
    if (this.perSecond === 0) return true;
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond);
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
