import { computed, signal } from '@angular/core';
import { type Dm, type Group, groupKey, type User } from '@chat/protocol';

/** Whether a conversation is a dm: a group of exactly two people that only they can see. */
export function isDm(group: Group): group is Dm {
  return group.kind === 'dm';
}

/** The person I talk to in a dm: the member who is not me. */
export function otherPerson(dm: Dm, myId: string): User | undefined {
  return dm.members.find((member) => member.id !== myId);
}

/** The rank of a conversation never ranked: below every other (and finite, so ranks subtract). */
const NEVER = Number.MIN_SAFE_INTEGER;

/**
 * Conversations by their newest activity, newest first: the server's order
 * when a list comes (`GET /api/dms`), then each moves to the front as
 * something new happens in it (a message, its creation). Kept as ranks
 * from one counter, so a move costs one entry, not a reordered list.
 */
export class RecentFirst {
  private readonly ranks = signal<ReadonlyMap<string, number>>(new Map());
  private tick = 0;

  /** Where the counter is now: what moves after this counts as newer than a list asked for now. */
  readonly mark = (): number => this.tick;

  /** A rank per conversation (higher is newer; never ranked: last), read in a signal context so sorting follows moves. */
  readonly rankOf = computed(() => {
    const ranks = this.ranks();
    return (name: string): number => ranks.get(groupKey(name)) ?? NEVER;
  });

  /** Something new happened in the conversation: it goes to the front. */
  touch(name: string): void {
    this.tick += 1;
    this.ranks.update((current) => new Map(current).set(groupKey(name), this.tick));
  }

  /**
   * The server's order, newest first, as it was when asked at `since`
   * (from `mark()`). What moved after that stays in front of it: the
   * answer may predate it.
   */
  replace(names: readonly string[], since: number): void {
    this.ranks.update((current) => {
      const next = new Map<string, number>();
      names.forEach((name, index) => next.set(groupKey(name), since - index));
      for (const [key, rank] of current) if (rank > since) next.set(key, rank);
      return next;
    });
  }

  /** Forgets every rank; the counter goes on, so a list asked for before still ranks below later moves. */
  clear(): void {
    this.ranks.set(new Map());
  }
}
