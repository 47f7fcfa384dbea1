/**
 * Reactions over REST: `PUT` and `DELETE /api/groups/:name/messages/:seq/reactions/:emoji`
 * (see RestClient for how calls are made). A user's reaction turns take
 * turns: a PUT on the newest message of its group it has seen, then a
 * DELETE of its oldest reaction that the server has confirmed. Every call
 * changes something (a user never puts a reaction it holds or takes back
 * one it does not, and has one call in flight at a time), so each takes
 * one revision and sends one `reaction` event to every member: that is what
 * the rev checks and the expected deliveries count on. An answer counts
 * when it is 204; anything else is an error of the run. Latency: the call's
 * issue time, by what it changes, looked up by the members other than the
 * reactor when their `reaction` arrives.
 */
import { performance } from 'node:perf_hooks';
import type { Changer, Fleet } from './fleet';
import { RestClient } from './rest-client';

/** Single code points, a variation sequence, a skin tone and a flag: the path carries each URL-encoded. */
export const BENCH_EMOJI = ['👍', '❤️', '😂', '🎉', '👀', '🙏', '👍🏽', '🇫🇷'] as const;

interface Held {
  seq: number;
  emoji: string;
}

/** The key of a reaction change, for its issue time: as the `reaction` event names it. */
export const reactionKey = (group: string, seq: number, emoji: string, userId: string, added: boolean) =>
  `${group} ${seq} ${emoji} ${userId} ${added ? '+' : '-'}`;

export class Reactor implements Changer {
  readonly kind = 'reaction';
  private readonly client: RestClient;
  /** Per user: the reactions the server confirmed, oldest first. */
  private readonly held: Held[][];
  /** Per user: a call of it is in flight. */
  private readonly busy: boolean[];
  /** Per user: whether its next turn takes a reaction back. */
  private readonly takeBack: boolean[];

  constructor(
    private readonly fleet: Fleet,
    /** One operation of a user in `every` is a reaction added or removed. */
    readonly every: number,
  ) {
    this.client = new RestClient(fleet);
    this.held = Array.from({ length: fleet.users }, () => []);
    this.busy = new Array<boolean>(fleet.users).fill(false);
    this.takeBack = new Array<boolean>(fleet.users).fill(false);
  }

  get pending(): number {
    return this.client.pending;
  }

  change(user: number, group: string, n: number): boolean {
    if (this.busy[user]) return false;
    const held = this.held[user];
    if (this.takeBack[user] && held.length) {
      const reaction = held.shift() as Held;
      this.call(user, group, reaction, false, () => undefined);
      return true;
    }
    const seq = this.fleet.tracker.lastSeqs[user].get(group);
    if (!seq) return false;
    const emoji = BENCH_EMOJI.map((_, k) => BENCH_EMOJI[(n + user + k) % BENCH_EMOJI.length]).find(
      (e) => !held.some((h) => h.seq === seq && h.emoji === e),
    );
    if (!emoji) return false;
    this.call(user, group, { seq, emoji }, true, () => held.push({ seq, emoji }));
    return true;
  }

  close(): void {
    this.client.close();
  }

  private call(user: number, group: string, { seq, emoji }: Held, added: boolean, confirmed: () => void): void {
    const { tracker } = this.fleet;
    tracker.reactionIssuedAt.set(reactionKey(group, seq, emoji, this.fleet.auths[user].user.id, added), { at: performance.now(), user });
    this.busy[user] = true;
    this.takeBack[user] = added;
    const path = `/api/groups/${encodeURIComponent(group)}/messages/${seq}/reactions/${encodeURIComponent(emoji)}`;
    this.client.call(user, added ? 'PUT' : 'DELETE', path, undefined, (status) => {
      this.busy[user] = false;
      if (status !== 204) return 'not 204';
      confirmed();
      return null;
    });
  }
}
