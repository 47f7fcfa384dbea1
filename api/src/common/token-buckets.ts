interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * One token bucket per key, in memory: each holds up to `burst` tokens and
 * gets `perSecond` back, so a key may spend a burst at once and then keeps
 * a steady rate. A bucket that has filled up again is the same as none, so
 * those are forgotten once there are many keys: memory stays bounded by the
 * keys active recently.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private sweepAbove = 10_000;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes a token for `key`: 0 when taken, else the whole seconds until one is back. */
  take(key: string): number {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? this.add(key, now);
    bucket.tokens = this.refilled(bucket, now);
    bucket.updatedAt = now;
    if (bucket.tokens < 1) return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond));
    bucket.tokens -= 1;
    return 0;
  }

  private refilled(bucket: Bucket, now: number): number {
    return Math.min(this.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.perSecond);
  }

  private add(key: string, now: number): Bucket {
    if (this.buckets.size >= this.sweepAbove) this.forgetFull(now);
    const bucket = { tokens: this.burst, updatedAt: now };
    this.buckets.set(key, bucket);
    return bucket;
  }

  /** Amortised: the next sweep waits until the map has doubled from what is left. */
  private forgetFull(now: number): void {
    for (const [key, bucket] of this.buckets) if (this.refilled(bucket, now) >= this.burst) this.buckets.delete(key);
    this.sweepAbove = Math.max(10_000, this.buckets.size * 2);
  }

  /** Keys held, for tests. */
  get size(): number {
    return this.buckets.size;
  }
}
