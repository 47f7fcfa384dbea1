import { TypingCoalescer } from './typing-coalescer';

describe(TypingCoalescer.name, () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => (clock = 1000));

  it('lets one typing per user and group through per interval', () => {
    const coalescer = new TypingCoalescer(2000, 100, now);
    expect(coalescer.admit('ana', 'general')).toBe(true);
    clock += 1999;
    expect(coalescer.admit('ana', 'general')).toBe(false);
    clock += 1;
    expect(coalescer.admit('ana', 'general')).toBe(true);
    expect(coalescer.admit('ana', 'general')).toBe(false);
  });

  it('keeps users and groups apart', () => {
    const coalescer = new TypingCoalescer(2000, 100, now);
    expect(coalescer.admit('ana', 'general')).toBe(true);
    expect(coalescer.admit('ana', 'random')).toBe(true);
    expect(coalescer.admit('ben', 'general')).toBe(true);
    expect(coalescer.admit('ana', 'random')).toBe(false);
  });

  it('forgets expired pairs as new ones arrive', () => {
    const coalescer = new TypingCoalescer(2000, 100, now);
    for (let i = 0; i < 50; i++) coalescer.admit('ana', `group ${i}`);
    expect(coalescer.size).toBe(50);
    clock += 2000;
    coalescer.admit('ben', 'general');
    expect(coalescer.size).toBe(1);
  });

  it('never holds more than its bound, however many distinct groups arrive within one interval', () => {
    const coalescer = new TypingCoalescer(2000, 100, now);
    for (let i = 0; i < 10_000; i++) expect(coalescer.admit('ana', `group ${i}`)).toBe(true);
    expect(coalescer.size).toBe(100);
    // The newest pairs are still remembered.
    expect(coalescer.admit('ana', 'group 9999')).toBe(false);
  });
});
