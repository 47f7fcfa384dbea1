import { RateLimiter } from './rate-limiter';

/** Takes `count` tokens at `now`; how many were granted. */
const takeMany = (limiter: RateLimiter, count: number, now: number) =>
  Array.from({ length: count }, () => limiter.take(now)).filter(Boolean).length;

describe(RateLimiter.name, () => {
  it('allows a burst of twice the rate, then refuses', () => {
    const limiter = new RateLimiter(20);
    const now = performance.now();
    expect(takeMany(limiter, 40, now)).toBe(40);
    expect(limiter.take(now)).toBe(false);
  });

  it('refills at the rate over time', () => {
    const limiter = new RateLimiter(20);
    const start = performance.now();
    takeMany(limiter, 40, start);
    expect(limiter.take(start + 49)).toBe(false); // 0.98 of a token
    expect(limiter.take(start + 50)).toBe(true);
    expect(limiter.take(start + 50)).toBe(false);
    expect(takeMany(limiter, 20, start + 1050)).toBe(20); // one second later: 20 more
    expect(limiter.take(start + 1050)).toBe(false);
  });

  it('never holds more than the burst, however long it was idle', () => {
    const limiter = new RateLimiter(5);
    const later = performance.now() + 3_600_000;
    expect(takeMany(limiter, 11, later)).toBe(10);
  });

  it('is unlimited at 0', () => {
    const limiter = new RateLimiter(0);
    expect(takeMany(limiter, 10_000, performance.now())).toBe(10_000);
  });
});
