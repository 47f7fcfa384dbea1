import { inject, Injectable } from '@angular/core';
import { type Member, type MemberEvent, type Message, type PresenceEvent, type TypingEvent, TYPING_DISPLAY_MS, type User, groupKey } from '@chat/protocol';
import { firstValueFrom } from 'rxjs';
import { ChatSocketService } from '../../core/chat-socket.service';
import { GroupsApi } from '../../core/groups.api';
import { SessionStore } from '../../core/session.store';
import { GroupsStore } from './groups.store';
import { PerGroup } from './per-group';

export interface Typist {
  user: User;
  until: number;
}

/** Someone joined or left while the group was open: shown as a line among the messages. */
export interface MemberNotice {
  user: User;
  joined: boolean;
  at: string;
}

/** What is going on in a group besides its messages. */
export interface Activity {
  /** `null` until the group is opened. */
  members: Member[] | null;
  typing: Typist[];
  /** Joins and leaves seen live, for the message list. */
  notices: MemberNotice[];
}

export const NO_ACTIVITY: Activity = { members: null, typing: [], notices: [] };
const TYPING_SEND_INTERVAL_MS = 3000;

/**
 * Live activity per group: who is typing (each shown for about 5 s after
 * their last keystroke), the members and who of them is online, and the
 * joins and leaves seen live. Also says when I am typing, at most every 3 s.
 */
@Injectable({ providedIn: 'root' })
export class ActivityStore {
  private readonly api = inject(GroupsApi);
  private readonly socket = inject(ChatSocketService);
  private readonly session = inject(SessionStore);
  private readonly groups = inject(GroupsStore);
  private readonly activity = new PerGroup<Activity>();
  /** When I last said I was typing, by group key. */
  private readonly lastTypingSent = new Map<string, number>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  of(name: string): Activity {
    return this.activity.get(name) ?? NO_ACTIVITY;
  }

  async loadMembers(name: string): Promise<void> {
    const detail = await firstValueFrom(this.api.detail(name));
    // No list means we are not (or no longer) a member: leave it unloaded.
    this.change(name, (activity) => ({ ...activity, members: detail.members ?? null }));
  }

  /** I am typing in the group (said at most every 3 s). */
  typing(name: string): void {
    const group = this.groups.get(name);
    if (!group?.joined) return;
    const now = Date.now();
    const key = groupKey(group.name);
    if (now - (this.lastTypingSent.get(key) ?? 0) < TYPING_SEND_INTERVAL_MS) return;
    if (this.socket.send('typing', { group: group.name })) this.lastTypingSent.set(key, now);
  }

  /** I sent a message: others stop showing "typing" when it arrives, so the next keystroke says it again. */
  sent(name: string): void {
    this.lastTypingSent.delete(groupKey(name));
  }

  /** Someone is typing: shown until 5 s after their last event. */
  typist(event: TypingEvent): void {
    const until = Date.now() + TYPING_DISPLAY_MS;
    this.change(event.group, (activity) => ({
      ...activity,
      typing: [...activity.typing.filter((typist) => typist.user.id !== event.user.id), { user: event.user, until }],
    }));
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.activity.patch(event.group, (activity) => ({ ...activity, typing: activity.typing.filter((typist) => typist.until > Date.now()) }));
    }, TYPING_DISPLAY_MS + 50);
    this.timers.add(timer);
  }

  /** A message ends its sender's typing line. */
  received(message: Message): void {
    this.activity.patch(message.group, (activity) => ({
      ...activity,
      typing: activity.typing.filter((typist) => typist.user.id !== message.sender.id),
    }));
  }

  presence(event: PresenceEvent): void {
    this.activity.patchAll((activity) =>
      activity.members?.some((member) => member.id === event.user.id)
        ? { ...activity, members: activity.members.map((member) => (member.id === event.user.id ? { ...member, online: event.online } : member)) }
        : activity,
    );
  }

  /** Someone else joined or left (my own joins and leaves are the group list's). */
  member(event: MemberEvent): void {
    if (event.user.id === this.session.user()?.id) return;
    this.change(event.group, (activity) => {
      const others = (activity.members ?? []).filter((member) => member.id !== event.user.id);
      const members = activity.members === null ? null : event.joined ? [...others, { ...event.user, online: true }] : others;
      const notice: MemberNotice = { user: event.user, joined: event.joined, at: new Date().toISOString() };
      return { ...activity, members, notices: [...activity.notices, notice] };
    });
  }

  /** Forgets the members (after leaving): opening again loads them afresh. */
  forgetMembers(name: string): void {
    this.activity.patch(name, (activity) => ({ ...activity, members: null }));
  }

  reset(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.activity.clear();
    this.lastTypingSent.clear();
  }

  /** Changes a listed group's activity (live events about other groups are ignored). */
  private change(name: string, change: (activity: Activity) => Activity): void {
    if (this.groups.get(name)) this.activity.patch(name, change, NO_ACTIVITY);
  }
}
