import { computed, inject, Injectable } from '@angular/core';
import type { DeleteEvent, EditEvent, Group, MemberEvent, Message, ReadEvent } from '@chat/protocol';
import { firstValueFrom } from 'rxjs';
import { ChatSocketService } from '../../core/chat-socket.service';
import { GroupsApi } from '../../core/groups.api';
import { SessionStore } from '../../core/session.store';
import { PerGroup } from './per-group';
import { countChange, CountedChange } from './unread';

/**
 * Every group I can see, with its member count, and for the ones I am in
 * my read marker and unread count: from REST, moved on by live events and
 * by the history pages the timeline fetches (the counting: `unread.ts`).
 */
@Injectable({ providedIn: 'root' })
export class GroupsStore {
  private readonly api = inject(GroupsApi);
  private readonly socket = inject(ChatSocketService);
  private readonly session = inject(SessionStore);
  private readonly groups = new PerGroup<Group>();
  /** Per refresh on its way, the changes counted meanwhile: replayed on its answer, which may predate them. */
  private readonly duringRefresh = new Set<{ name: string; change: CountedChange }[]>();

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
    if (this.socket.send('read', { group: group.name, seq: lastSeq })) this.count(group.name, { kind: 'read', seq: lastSeq });
  }

  /** A group created, or changed, as the server says. */
  upsert(group: Group): void {
    this.groups.set(group.name, group);
  }

  /** A live message: the newest seq moves, and so does my marker when it is mine (from any tab). */
  received(message: Message): void {
    this.count(message.group, { kind: 'message', seq: message.seq, rev: message.rev, deleted: message.deleted, mine: this.isMine(message) });
  }

  edited(event: EditEvent): void {
    this.count(event.group, { kind: 'edit', rev: event.rev });
  }

  /** A live delete: one unread fewer when it was above my marker. */
  deleted(event: DeleteEvent): void {
    this.count(event.group, { kind: 'delete', seq: event.seq, rev: event.rev });
  }

  /** A history or catch-up page: the messages new to the counts count. */
  reached(name: string, page: readonly Message[]): void {
    for (const message of page) this.count(name, { kind: 'message', seq: message.seq, deleted: message.deleted, mine: this.isMine(message) });
  }

  /** I read up to `seq` in another tab. */
  read(event: ReadEvent): void {
    this.count(event.group, { kind: 'read', seq: event.seq });
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
  }

  private count(name: string, change: CountedChange): void {
    this.groups.patch(name, (group) => countChange(group, change));
    for (const meanwhile of this.duringRefresh) meanwhile.push({ name, change });
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
