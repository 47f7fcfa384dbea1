import { inject, Injectable } from '@angular/core';
import { CHANGES_PAGE_MAX, type DeleteEvent, type EditEvent, groupKey, type Message, type ReactionEvent } from '@chat/protocol';
import { firstValueFrom, forkJoin } from 'rxjs';
import { CoalescedRuns } from '../../core/coalesced-runs';
import { GroupsApi } from '../../core/groups.api';
import { SessionStore } from '../../core/session.store';
import { indexOfSeq, mergeMessages } from '../../core/messages';
import { GroupsStore } from './groups.store';
import { NoticesStore } from './notices.store';
import { PerGroup } from './per-group';
import { SendQueue } from './send-queue.store';
import { absorb, edit, EMPTY_TIMELINE, react, reactHere, remove, Timeline } from './timeline-changes';
import { withNewer, withWindow } from './timeline-gap';

export type { Timeline } from './timeline-changes';

const PAGE = 50;
/** Messages loaded on each side of one opened far back. */
const AROUND = 25;

/**
 * The timeline of each group once opened: the newest page, older pages on
 * demand, live messages, edits and deletes, and the catch-up, all merged
 * by seq, the copy with the higher rev winning (`timeline-changes.ts`).
 * Groups never opened keep no messages. Everything that changes a message
 * enters here.
 *
 * Catch-up: `GET …/changes?after=<rev>` from the last revision applied
 * without a gap, after every (re)connect and whenever a live event's rev
 * is more than one above it (something was missed). One catch-up per
 * group at a time; a gap seen meanwhile runs it once more.
 * Why this way: docs/decisions/web-revisions-catch-up.md.
 *
 * A message far back (a search result, a quote's original) loads with a
 * page around it, leaving a gap above the newest messages that fills as
 * it is scrolled to (`timeline-gap.ts`).
 */
@Injectable({ providedIn: 'root' })
export class TimelineStore {
  private readonly api = inject(GroupsApi);
  private readonly groups = inject(GroupsStore);
  private readonly queue = inject(SendQueue);
  private readonly notices = inject(NoticesStore);
  private readonly session = inject(SessionStore);
  private readonly timelines = new PerGroup<Timeline>();
  private readonly catchUps = new CoalescedRuns();

  /** `undefined` until the group is opened. */
  of(name: string): Timeline | undefined {
    return this.timelines.get(name);
  }

  /**
   * Loads the newest page, then every change since the group's last
   * revision known before it (what arrived or changed while it was on its
   * way; live events are kept only once it is here).
   */
  async loadNewest(name: string): Promise<void> {
    const rev = this.groups.get(name)?.lastRev ?? 0;
    const page = await firstValueFrom(this.api.history(name, { limit: PAGE }));
    this.change(name, (timeline) => ({
      ...timeline,
      messages: mergeMessages(page, timeline.messages),
      hasOlder: (page[0]?.seq ?? 1) > 1,
      rev: Math.max(timeline.rev, rev),
    }));
    await this.catchUp(name);
  }

  /** Loads the page before the first loaded message; resolves with how many came. */
  async loadOlder(name: string): Promise<number> {
    const timeline = this.of(name);
    const first = timeline?.messages[0];
    if (!timeline || !first || !timeline.hasOlder || timeline.loadingOlder) return 0;
    this.change(name, (current) => ({ ...current, loadingOlder: true }));
    const revBefore = timeline.rev;
    try {
      const page = await firstValueFrom(this.api.history(name, { before: first.seq, limit: PAGE }));
      // Another window opened meanwhile (a search result): this page is not above it.
      this.change(name, (current) =>
        current.messages[0]?.seq !== first.seq
          ? current
          : { ...current, messages: mergeMessages(current.messages, page), hasOlder: page.length === PAGE && page[0].seq > 1 },
      );
      await this.refreshSince(name, revBefore);
      return page.length;
    } finally {
      this.change(name, (current) => ({ ...current, loadingOlder: false }));
    }
  }

  /**
   * Brings message `seq` in (of an opened group), however far back: when
   * it is not loaded, the pages just before and after it (the newest
   * messages stay, below a gap when it is far from them). Resolves with
   * whether it is in; rejects with the HTTP error.
   */
  async loadAround(name: string, seq: number): Promise<boolean> {
    if (!this.of(name)) return false;
    if (this.holds(name, seq)) return true;
    const revBefore = this.of(name)?.rev ?? 0;
    const [before, after] = await firstValueFrom(
      forkJoin([this.api.history(name, { before: seq + 1, limit: AROUND }), this.api.history(name, { after: seq, limit: AROUND })]),
    );
    this.timelines.patch(name, (current) => withWindow(current, before, after, after.length < AROUND));
    await this.refreshSince(name, revBefore);
    return this.holds(name, seq);
  }

  /** Loads the next page of the gap below a message opened far back; resolves with how many came. */
  async loadNewer(name: string): Promise<number> {
    const timeline = this.of(name);
    const gap = timeline?.gap;
    if (!timeline || !gap || timeline.loadingNewer) return 0;
    this.timelines.patch(name, (current) => ({ ...current, loadingNewer: true }));
    const revBefore = timeline.rev;
    try {
      const page = await firstValueFrom(this.api.history(name, { after: gap.after, limit: PAGE }));
      this.timelines.patch(name, (current) => withNewer(current, gap.after, page, PAGE));
      await this.refreshSince(name, revBefore);
      return page.length;
    } finally {
      this.timelines.patch(name, (current) => ({ ...current, loadingNewer: false }));
    }
  }

  /** Fetches every change after the last revision applied; rejects with the HTTP error. */
  catchUp(name: string): Promise<void> {
    return this.catchUps.run(groupKey(name), () => this.fetchChanges(name));
  }

  /** The catch-up of every opened group and dm I am in (after a reconnect). */
  async catchUpAll(): Promise<void> {
    await Promise.all(this.groups.mine().flatMap((group) => (this.of(group.name) ? [this.catchUp(group.name)] : [])));
  }

  /** A live message: kept if its group is open, in seq order, once. */
  received(message: Message): void {
    this.live(message.group, message.rev, (timeline) => absorb(timeline, [message]));
  }

  edited(event: EditEvent): void {
    this.live(event.group, event.rev, (timeline) => edit(timeline, event));
  }

  deleted(event: DeleteEvent): void {
    this.live(event.group, event.rev, (timeline) => remove(timeline, event));
  }

  /** A live reaction: the count changes; whether I am among them only when it was me. */
  reacted(event: ReactionEvent): void {
    const mine = event.user.id === this.session.user()?.id;
    this.live(event.group, event.rev, (timeline) => react(timeline, event, mine));
  }

  /** My reaction was accepted (204, no body): it shows at once, whatever the socket does. */
  reactedHere(name: string, seq: number, emoji: string, added: boolean): void {
    this.timelines.patch(name, (timeline) => reactHere(timeline, seq, emoji, added));
  }

  /** A message as a REST answer has it (my edit): shown at once, whatever the socket does. */
  replaced(message: Message): void {
    this.timelines.patch(message.group, (timeline) => absorb(timeline, [message]));
  }

  /**
   * My delete was accepted (204, no body): the tombstone shows at once,
   * at the held rev, so the `delete` event (a higher rev) still applies.
   */
  deletedHere(name: string, seq: number): void {
    this.timelines.patch(name, (timeline) => {
      const held = timeline.messages[indexOfSeq(timeline.messages, seq)];
      return held ? remove(timeline, { seq, rev: held.rev }) : timeline;
    });
  }

  /** Forgets the messages (after leaving): opening again loads them afresh. */
  forget(name: string): void {
    this.timelines.delete(name);
  }

  reset(): void {
    this.timelines.clear();
  }

  /** Applies a live change; the rev moves on only without a gap, and a gap starts a catch-up. */
  private live(name: string, rev: number, apply: (timeline: Timeline) => Timeline): void {
    const timeline = this.of(name);
    if (!timeline) return;
    this.timelines.patch(name, (current) => {
      const next = apply(current);
      return rev === current.rev + 1 ? { ...next, rev } : next;
    });
    if (rev > timeline.rev + 1) {
      this.catchUp(name).catch(() => this.notices.notify(`Could not catch up on changes in "${name}"; retrying when the connection is back.`));
    }
  }

  private async fetchChanges(name: string): Promise<void> {
    for (;;) {
      const timeline = this.of(name);
      if (!timeline) return;
      const page = await firstValueFrom(this.api.changes(name, { after: timeline.rev, limit: CHANGES_PAGE_MAX }));
      const last = page.messages[page.messages.length - 1];
      const more = page.more && last !== undefined;
      if (page.messages.length > 0) {
        this.queue.acknowledge(page.messages);
        this.groups.reached(name, page.messages);
      }
      this.timelines.patch(name, (current) => ({ ...absorb(current, page.messages), rev: Math.max(current.rev, more ? last.rev : page.lastRev) }));
      if (!more) return;
    }
  }

  /**
   * A page read while live changes arrived may hold copies older than they
   * are: a change to a message not loaded yet is not kept (there is nothing
   * to apply it to), yet moves the applied rev. So when the rev moved during
   * a page's request, the changes since it started are read again and the
   * newer copies win (mergeMessages): no stale copy stays on screen.
   */
  private async refreshSince(name: string, revBefore: number): Promise<void> {
    let after = revBefore;
    for (;;) {
      const timeline = this.of(name);
      if (!timeline || timeline.rev <= after) return;
      const page = await firstValueFrom(this.api.changes(name, { after, limit: CHANGES_PAGE_MAX }));
      this.timelines.patch(name, (current) => absorb(current, page.messages));
      const last = page.messages[page.messages.length - 1];
      if (!page.more || !last) return;
      after = last.rev;
    }
  }

  private holds(name: string, seq: number): boolean {
    return indexOfSeq(this.of(name)?.messages ?? [], seq) >= 0;
  }

  /** Changes a listed group's timeline, starting it if need be (not after a sign-out cleared the list). */
  private change(name: string, change: (timeline: Timeline) => Timeline): void {
    if (this.groups.get(name)) this.timelines.patch(name, change, EMPTY_TIMELINE);
  }
}
