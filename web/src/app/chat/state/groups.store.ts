import { computed, inject, Injectable } from '@angular/core';
import type { DeleteEvent, EditEvent, Group, MemberEvent, Message, ReactionEvent, ReadEvent } from '@chat/protocol';
import { firstValueFrom } from 'rxjs';
import { ChatSocketService } from '../../core/chat-socket.service';
import { GroupsApi } from '../../core/groups.api';
import { CoalescedRuns } from '../../core/coalesced-runs';
import { SessionStore } from '../../core/session.store';
import { MentionLedger } from './mention-ledger';
import { PerGroup } from './per-group';
import { countChange, CountedChange, isUnread, MentionOfMe } from './unread';

/**
 * Every group I can see, with its member count, and for the ones I am in
 * my read marker, unread count and how many of those mention me: from
 * REST, moved on by live events and by the history pages the timeline
 * fetches (the counting: `unread.ts`). When a change touches an unread
 * message whose mentions were never seen here, the counts come from the
 * server again.
 */
@Injectable({ providedIn: 'root' })
export class GroupsStore {
  private readonly api = inject(GroupsApi);
  private readonly socket = inject(ChatSocketService);
  private readonly session = inject(SessionStore);
  private readonly groups = new PerGroup<Group>();
  /** Per refresh on its way, the changes counted meanwhile: replayed on its answer, which may predate them. */
  private readonly duringRefresh = new Set<{ name: string; change: CountedChange }[]>();
  private readonly mentions = new MentionLedger();
  private readonly recounts = new CoalescedRuns();

  /** Every group, by name. */
  readonly all = computed(() => this.groups.values().sort(byName));
  /** The groups I am in, by name. */
  readonly joined = computed(() => this.all().filter((group) => group.joined));

  get(name: string): Group | undefined {
    return this.groups.get(name);
  }

  /** Loads the list again: counts and markers as the server has them. */
  async refresh(): Promise<void> {
    const meanwhile: { name: string; change: CountedChange }[] = [];
    this.duringRefresh.add(meanwhile);
    try {
      const groups = await firstValueFrom(this.api.list());
      this.groups.replace(groups.map((group) => [group.name, group] as const));
      // A change the answer already holds is skipped by its rev or seq (countChange).
      for (const { name, change } of meanwhile) this.groups.patch(name, (group) => countChange(group, change));
      for (const group of this.groups.values()) if (group.readSeq !== undefined) this.mentions.readTo(group.name, group.readSeq, group.lastSeq);
    } finally {
      this.duringRefresh.delete(meanwhile);
    }
  }

  async create(name: string): Promise<Group> {
    const group = await firstValueFrom(this.api.create(name));
    this.upsert(group);
    return group;
  }

  async join(name: string): Promise<Group> {
    const group = await firstValueFrom(this.api.join(name));
    this.upsert(group);
    return group;
  }

  /** Leaves on the server; the group stays listed, without my marker. */
  async leave(name: string): Promise<void> {
    await firstValueFrom(this.api.leave(name), { defaultValue: undefined });
    this.groups.patch(name, notMember);
  }

  /** I have seen the group's newest message (only said while the page is in view). */
  markRead(name: string): void {
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
    const group = this.get(name);
    if (!group?.joined) return;
    const { lastSeq, readSeq = 0 } = group;
    if (lastSeq <= readSeq) return;
    if (this.socket.send('read', { group: group.name, seq: lastSeq })) this.readTo(group.name, lastSeq);
  }

  /** A group created, or changed, as the server says. */
  upsert(group: Group): void {
    this.groups.set(group.name, group);
  }

  /** A live message: the newest seq moves, and so does my marker when it is mine (from any tab). */
  received(message: Message): void {
    this.countMessage(message.group, message, message.rev);
  }

  edited(event: EditEvent): void {
    const mention = this.mentionOf(event.group, event.seq, event.mentions);
    this.count(event.group, { kind: 'edit', seq: event.seq, rev: event.rev, mention }, event.seq);
  }

  /** A live delete: one unread fewer when it was above my marker (and one mention fewer when it mentioned me). */
  deleted(event: DeleteEvent): void {
    const mention = this.mentionOf(event.group, event.seq, []);
    this.count(event.group, { kind: 'delete', seq: event.seq, rev: event.rev, mention }, event.seq);
  }

  /** A reaction changes no count; the group's last revision moves on. */
  reacted(event: ReactionEvent): void {
    this.count(event.group, { kind: 'reaction', rev: event.rev });
  }

  /** A history or catch-up page: the messages new to the counts count, and changed mentions of me. */
  reached(name: string, page: readonly Message[]): void {
    for (const message of page) this.countMessage(name, message);
  }

  /** I read up to `seq` in another tab. */
  read(event: ReadEvent): void {
    this.readTo(event.group, event.seq);
  }


  /** Someone joined or left. */
  member(event: MemberEvent): void {
    if (event.user.id === this.session.user()?.id) {
      // Joined or left from another tab: the REST view has the right counts and marker.
      // Should it fail, the next `ready` refreshes again.
      this.refresh().catch(() => undefined);
      return;
    }
    this.groups.patch(event.group, (group) => ({ ...group, memberCount: Math.max(0, group.memberCount + (event.joined ? 1 : -1)) }));
  }

  reset(): void {
    this.groups.clear();
    this.mentions.clear();
  }

  private countMessage(name: string, message: Message, rev?: number): void {
    const mention = this.mentionOf(name, message.seq, message.deleted ? [] : (message.mentions ?? []));
    const change: CountedChange = { kind: 'message', seq: message.seq, deleted: message.deleted, mine: this.isMine(message), messageRev: message.rev, mention };
    this.count(name, rev === undefined ? change : { ...change, rev }, message.seq);
  }

  private mentionOf(name: string, seq: number, mentions: readonly string[]): MentionOfMe {
    const me = this.session.user()?.id;
    return { before: this.mentions.known(name, seq), after: me !== undefined && mentions.includes(me) };
  }

  private readTo(name: string, seq: number): void {
    const group = this.get(name);
    if (!group) return;
    const mentionsAbove = group.readSeq === undefined || seq <= group.readSeq ? undefined : this.mentions.readTo(name, seq, group.lastSeq);
    this.count(name, { kind: 'read', seq, mentionsAbove });
    const after = this.get(name);
    // Somewhere in the middle, and not every message above is known here: the server says how many mention me.
    if (mentionsAbove === undefined && after?.mentionUnread) this.recount();
  }

  /**
   * Counts a change. One that touches message `seq` teaches the ledger
   * whether it mentions me; when it touched an unread message never seen
   * here that may have mentioned me, the server counts again.
   */
  private count(name: string, change: CountedChange, seq?: number): void {
    const before = this.get(name);
    this.groups.patch(name, (group) => countChange(group, change));
    for (const meanwhile of this.duringRefresh) meanwhile.push({ name, change });
    if (seq === undefined || change.kind === 'read' || change.kind === 'reaction' || !before) return;
    const after = this.get(name);
    if (after && isUnread(after, seq)) this.mentions.note(name, seq, change.mention.after);
    const unknown = change.mention.before === undefined && isUnread(before, seq);
    if (unknown && ((before.mentionUnread ?? 0) > 0 || change.mention.after)) this.recount();
  }

  /** The counts as the server has them, once more after a run already on its way. */
  private recount(): void {
    this.recounts.run('groups', () => this.refresh()).catch(() => undefined);
  }

  private isMine(message: Message): boolean {
    return message.sender.id === this.session.user()?.id;
  }
}

function notMember(group: Group): Group {
  const left: Group = { ...group, joined: false, memberCount: Math.max(0, group.memberCount - 1) };
  delete left.readSeq;
  delete left.unread;
  return left;
}

function byName(a: Group, b: Group): number {
  return a.name.localeCompare(b.name);
}
