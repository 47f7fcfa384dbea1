import { TYPING_FORWARD_INTERVAL_MS } from '@chat/protocol';

/** Past this many (user, group) pairs in one interval, the oldest is forgotten early. */
const MAX_PAIRS = 100_000;

/**
 * Lets at most one `typing` per user and group through per interval, on
 * this instance (with Redis, each instance the user types through lets its
 * own through). Clients send one per keystroke, and each is written to
 * every socket of every member: 40 frames were 400 deliveries to one
 * member's 10 tabs. A member shows "typing" for TYPING_DISPLAY_MS, longer
 * than the interval, so nothing a user sees is lost.
 *
 * Memory: one entry per pair let through within the last interval. Entries
 * are only ever appended, so the Map's order is their age: expired ones are
 * dropped from the front as new ones arrive, and the count never passes
 * MAX_PAIRS (forgetting a pair early only lets one more `typing` through).
 */
export class TypingCoalescer {
  /** `userId \0 groupKey` → when its last `typing` went out (stored keys never hold U+0000). */
  private readonly forwardedAt = new Map<string, number>();

  constructor(
    private readonly intervalMs = TYPING_FORWARD_INTERVAL_MS,
    private readonly maxPairs = MAX_PAIRS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** True, and remembered, when this user's `typing` in this group may go out now. */
  admit(userId: string, groupKey: string): boolean {
    const now = this.now();
    this.expire(now);
    const pair = `${userId}\u0000${groupKey}`;
    if (this.forwardedAt.has(pair)) return false;
    if (this.forwardedAt.size >= this.maxPairs) this.forwardedAt.delete(this.forwardedAt.keys().next().value as string);
    this.forwardedAt.set(pair, now);
    return true;
  }

  /** Pairs remembered now (for tests of the bound). */
  get size(): number {
    return this.forwardedAt.size;
  }

  private expire(now: number): void {
    for (const [pair, at] of this.forwardedAt) {
      if (now - at < this.intervalMs) return;
      this.forwardedAt.delete(pair);
    }
  }
}
