import { computed, inject, Injectable } from '@angular/core';
import type { Group, MemberEvent, Message, ReadEvent } from '@chat/protocol';
import { firstValueFrom } from 'rxjs';
import { ChatSocketService } from '../../core/chat-socket.service';
import { GroupsApi } from '../../core/groups.api';
import { SessionStore } from '../../core/session.store';
import { PerGroup } from './per-group';

/**
 * Every group I can see, with its member count, and for the ones I am in
 * my read marker and unread count: from REST, moved on by live events and
 * by the history pages the timeline fetches.
 */
@Injectable({ providedIn: 'root' })
export class GroupsStore {
  private readonly api = inject(GroupsApi);
  private readonly socket = inject(ChatSocketService);
  private readonly session = inject(SessionStore);
  private readonly groups = new PerGroup<Group>();

  /** Every group, by name. */
  readonly all = computed(() => this.groups.values().sort(byName));
  /** The groups I am in, by name. */
  readonly joined = computed(() => this.all().filter((group) => group.joined));

  get(name: string): Group | undefined {
    return this.groups.get(name);
  }

  /** Loads the list again: counts and markers as the server has them. */
  async refresh(): Promise<void> {
    const groups = await firstValueFrom(this.api.list());
    this.groups.replace(groups.map((group) => [group.name, group] as const));
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
    if (this.socket.send('read', { group: group.name, seq: lastSeq })) this.moveReadSeq(group.name, lastSeq);
  }

  /** A group created, or changed, as the server says. */
  upsert(group: Group): void {
    this.groups.set(group.name, group);
  }

  /** A live message: the newest seq moves, and so does my marker when it is mine (from any tab). */
  received(message: Message): void {
    const mine = message.sender.id === this.session.user()?.id;
    this.groups.patch(message.group, (group) => {
      const lastSeq = Math.max(group.lastSeq, message.seq);
      // The server moves my marker to each message I send.
      const readSeq = mine ? Math.max(group.readSeq ?? 0, message.seq) : group.readSeq;
      return withCounts({ ...group, lastSeq }, readSeq);
    });
  }

  /** A history page reached `seq`. */
  reached(name: string, seq: number): void {
    this.groups.patch(name, (group) => withCounts({ ...group, lastSeq: Math.max(group.lastSeq, seq) }, group.readSeq));
  }

  /** I read up to `seq` in another tab. */
  read(event: ReadEvent): void {
    this.moveReadSeq(event.group, event.seq);
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

  /** Forward only: a marker never moves back. */
  private moveReadSeq(name: string, seq: number): void {
    this.groups.patch(name, (group) => (group.joined ? withCounts(group, Math.max(group.readSeq ?? 0, seq)) : group));
  }
}

function withCounts(group: Group, readSeq: number | undefined): Group {
  if (!group.joined || readSeq === undefined) return group;
  return { ...group, readSeq, unread: Math.max(0, group.lastSeq - readSeq) };
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
