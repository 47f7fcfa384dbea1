import { computed, inject, Injectable } from '@angular/core';
import type { DeleteEvent, Dm, EditEvent, Group, MemberEvent, Message, ReactionEvent, ReadEvent } from '@chat/protocol';
import { firstValueFrom, forkJoin } from 'rxjs';
import { ChatSocketService } from '../../core/chat-socket.service';
import { GroupsApi } from '../../core/groups.api';
import { CoalescedRuns } from '../../core/coalesced-runs';
import { SessionStore } from '../../core/session.store';
import { isDm, RecentFirst } from './dms';
import { MentionLedger } from './mention-ledger';
import { PerGroup } from './per-group';
import { countChange, CountedChange, isUnread, MentionOfMe } from './unread';

/**
 * Every group I can see and every dm of mine, with its member count, and
 * for the ones I am in my read marker, unread count and how many of those
 * mention me: from REST, moved on by live events and by the history pages
 * the timeline fetches (the counting: `unread.ts`). When a change touches
 * an unread message whose mentions were never seen here, the counts come
 * from the server again.
 *
 * Dms are kept here beside the groups because every group route and event
 * works with a dm's name: counting, reading and opening one is the same
 * job. What is theirs alone is the list (`GET /api/dms`, not in
 * `GET /api/groups`), its order by newest activity, and opening one with
 * a person.
 */
@Injectable({ providedIn: 'root' })
export class GroupsStore {
  private readonly api = inject(GroupsApi);
  private readonly socket = inject(ChatSocketService);
  private readonly session = inject(SessionStore);
  private readonly groups = new PerGroup<Group>();
  /** Per refresh on its way, what happened meanwhile. */
  private readonly duringRefresh = new Set<Meanwhile>();
  private readonly mentions = new MentionLedger();
  private readonly recounts = new CoalescedRuns();
  private readonly recent = new RecentFirst();

  /** Every group (never a dm), by name. */
  readonly all = computed(() => this.groups.values().filter((group) => !isDm(group)).sort(byName));
  /** The groups I am in, by name. */
  readonly joined = computed(() => this.all().filter((group) => group.joined));
  /** My dms, newest activity first. */
  readonly dms = computed(() => {
    const rank = this.recent.rankOf();
    return this.groups
      .values()
      .filter(isDm)
      .sort((a, b) => rank(b.name) - rank(a.name) || b.createdAt.localeCompare(a.createdAt));
  });
  /** Every conversation I am in: my groups, then my dms. */
  readonly mine = computed<Group[]>(() => [...this.joined(), ...this.dms()]);

  get(name: string): Group | undefined {
    return this.groups.get(name);
  }

  /** Loads the groups and the dms again: counts and markers as the server has them. */
  async refresh(): Promise<void> {
    const meanwhile: Meanwhile = { added: [], changes: [] };
    const since = this.recent.mark();
    this.duringRefresh.add(meanwhile);
    try {
      const [groups, dms] = await firstValueFrom(forkJoin([this.api.list(), this.api.dms()]));
      const listed = [...groups, ...dms];
      this.groups.replace(listed.map((group) => [group.name, group] as const));
      this.recent.replace(dms.map((dm) => dm.name), since);
      // One that arrived meanwhile (a new dm) stays, should the answer predate it.
      for (const group of meanwhile.added) if (!this.get(group.name)) this.groups.set(group.name, group);
      // A change the answer already holds is skipped by its rev or seq (countChange).
      for (const { name, change } of meanwhile.changes) this.groups.patch(name, (group) => countChange(group, change));
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
    for (const meanwhile of this.duringRefresh) meanwhile.added.push(group);
  }

  /**
   * Opens the dm with this person (creating it if need be: the server
   * answers the same dm to both of us, whoever asks first) and resolves
   * with it. Rejects with the HTTP error: 403 when we share no group.
   */
  async openDm(userId: string): Promise<Group> {
    const dm = await firstValueFrom(this.api.openDm(userId));
    this.addDm(dm);
    return this.get(dm.name) ?? dm;
  }

  /**
   * A dm, new or not (the `dm` event when it is created, the answer of
   * opening one). One already listed keeps its counts: live events moved
   * them on since, and its creation carries nothing newer.
   */
  addDm(dm: Dm): void {
    if (this.get(dm.name)) return;
    this.upsert(dm);
    this.recent.touch(dm.name);
  }

  /** A live message: the newest seq moves, and so does my marker when it is mine (from any tab); a dm moves to the top. */
  received(message: Message): void {
    const before = this.get(message.group);
    this.countMessage(message.group, message, message.rev);
    if (before && isDm(before) && message.seq > before.lastSeq) this.recent.touch(before.name);
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
    this.recent.clear();
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
    for (const meanwhile of this.duringRefresh) meanwhile.changes.push({ name, change });
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

/** What happened while a refresh was on its way: replayed on its answer, which may predate it. */
interface Meanwhile {
  added: Group[];
  changes: { name: string; change: CountedChange }[];
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
