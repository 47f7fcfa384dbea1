import { TokenBuckets } from './token-buckets';

describe(TokenBuckets.name, () => {
  let clock: number;
  const now = () => clock;
  beforeEach(() => (clock = 0));

  it('allows a burst, then one token per 1/rate seconds', () => {
    const buckets = new TokenBuckets(3, 0.5, now); // 3 at once, then one every 2 s
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 0]);
    expect(buckets.take('a')).toBe(2);
    clock += 1000;
    expect(buckets.take('a')).toBe(1);
    clock += 1000;
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(2);
  });

  it('keeps keys apart', () => {
    const buckets = new TokenBuckets(1, 1, now);
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(1);
    expect(buckets.take('b')).toBe(0);
  });

  it('refills no higher than the burst', () => {
    const buckets = new TokenBuckets(2, 1, now);
    clock += 3_600_000;
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 1]);
  });

  it('forgets buckets that have filled up again once it holds many, never one still in use', () => {
    const buckets = new TokenBuckets(1, 1, now);
    for (let i = 0; i < 9_999; i++) buckets.take(`old-${i}`);
    clock += 1000; // every old bucket is full again
    buckets.take('recent'); // 10 000 keys
    buckets.take('new'); // the sweep
    expect(buckets.size).toBe(2);
    expect(buckets.take('recent')).toBe(1);
  });
});
