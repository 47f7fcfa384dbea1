import { inject, Injectable } from '@angular/core';
import { HISTORY_PAGE_MAX, type Message } from '@chat/protocol';
import { firstValueFrom } from 'rxjs';
import { GroupsApi } from '../../core/groups.api';
import { mergeMessages } from '../../core/messages';
import { GroupsStore } from './groups.store';
import { PerGroup } from './per-group';
import { SendQueue } from './send-queue.store';

/** The messages of one opened group, oldest first. */
export interface Timeline {
  messages: Message[];
  /** Whether history older than the first loaded message exists. */
  hasOlder: boolean;
  /** An older page is on its way. */
  loadingOlder: boolean;
}

/** Where a group's catch-up starts: everything after `after`. */
export interface Gap {
  name: string;
  after: number;
}

const PAGE = 50;
const EMPTY: Timeline = { messages: [], hasOlder: false, loadingOlder: false };

/**
 * The timeline of each group once opened: the newest page, older pages on
 * demand, live messages, and the catch-up after a reconnect, all merged by
 * seq without duplicates (`mergeMessages`). Groups never opened keep no
 * messages. Everything that changes a message enters here (later: edits,
 * reactions).
 */
@Injectable({ providedIn: 'root' })
export class TimelineStore {
  private readonly api = inject(GroupsApi);
  private readonly groups = inject(GroupsStore);
  private readonly queue = inject(SendQueue);
  private readonly timelines = new PerGroup<Timeline>();

  /** `undefined` until the group is opened. */
  of(name: string): Timeline | undefined {
    return this.timelines.get(name);
  }

  /** Loads the newest page, then what arrived while it was on its way (live messages are kept only once it is here). */
  async loadNewest(name: string): Promise<void> {
    const page = await firstValueFrom(this.api.history(name, { limit: PAGE }));
    this.change(name, (timeline) => ({ ...timeline, messages: mergeMessages(page, timeline.messages), hasOlder: (page[0]?.seq ?? 1) > 1 }));
    await this.fetchAfter(name, page[page.length - 1]?.seq ?? 0);
  }

  /** Loads the page before the first loaded message; resolves with how many came. */
  async loadOlder(name: string): Promise<number> {
    const timeline = this.of(name);
    const first = timeline?.messages[0];
    if (!timeline || !first || !timeline.hasOlder || timeline.loadingOlder) return 0;
    this.change(name, (current) => ({ ...current, loadingOlder: true }));
    try {
      const page = await firstValueFrom(this.api.history(name, { before: first.seq, limit: PAGE }));
      this.change(name, (current) => ({
        ...current,
        messages: mergeMessages(current.messages, page),
        hasOlder: page.length === PAGE && page[0].seq > 1,
      }));
      return page.length;
    } finally {
      this.change(name, (current) => ({ ...current, loadingOlder: false }));
    }
  }

  /**
   * Where each opened group I am in would catch up from. Taken at once on
   * `ready`, before live events (which flow from then on) can move the
   * newest seq past a gap.
   */
  gaps(): Gap[] {
    return this.groups.joined().flatMap((group) => {
      const timeline = this.of(group.name);
      return timeline ? [{ name: group.name, after: timeline.messages[timeline.messages.length - 1]?.seq ?? 0 }] : [];
    });
  }

  /** Pages through everything after `after`, whatever arrives live meanwhile. */
  async fetchAfter(name: string, after: number): Promise<void> {
    for (;;) {
      const page = await firstValueFrom(this.api.history(name, { after, limit: HISTORY_PAGE_MAX }));
      this.add(name, page);
      if (page.length < HISTORY_PAGE_MAX) return;
      after = page[page.length - 1].seq;
    }
  }

  /** A live message: kept if its group is open, in seq order, once. */
  received(message: Message): void {
    this.timelines.patch(message.group, (timeline) => ({ ...timeline, messages: mergeMessages(timeline.messages, [message]) }));
  }

  /** Forgets the messages (after leaving): opening again loads them afresh. */
  forget(name: string): void {
    this.timelines.delete(name);
  }

  reset(): void {
    this.timelines.clear();
  }

  private add(name: string, page: Message[]): void {
    if (page.length === 0) return;
    this.queue.acknowledge(page);
    this.groups.reached(name, page[page.length - 1].seq);
    this.change(name, (timeline) => ({ ...timeline, messages: mergeMessages(timeline.messages, page) }));
  }

  /** Changes a listed group's timeline, starting it if need be (not after a sign-out cleared the list). */
  private change(name: string, change: (timeline: Timeline) => Timeline): void {
    if (this.groups.get(name)) this.timelines.patch(name, change, EMPTY);
  }
}
