import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  Group,
  groupKey,
  HISTORY_PAGE_MAX,
  Member,
  MemberEvent,
  Message,
  PresenceEvent,
  ReadEvent,
  TypingEvent,
  TYPING_DISPLAY_MS,
  User,
  ErrorEvent as ChatErrorEvent,
} from '@chat/protocol';
import { firstValueFrom, Observable, Subscription, tap } from 'rxjs';
import { ChatSocketService } from './chat-socket.service';
import { STORAGE } from './endpoints';
import { GroupsApi } from './groups.api';
import { mergeMessages } from './messages';
import { OutboxStore, OutgoingMessage } from './outbox.store';
import { SessionStore } from './session.store';

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

export interface GroupState {
  group: Group;
  /** `null` until the group is opened. */
  messages: Message[] | null;
  /** Whether history older than the first loaded message exists. */
  hasOlder: boolean;
  members: Member[] | null;
  typing: Typist[];
  /** Joins and leaves seen live, for the message list. */
  notices: MemberNotice[];
}

const PAGE = 50;
const TYPING_SEND_INTERVAL_MS = 3000;

/**
 * The chat's shared state as signals: every group with its messages,
 * members, typing and unread count, fed by REST and by live events, and
 * the actions the screens call. Catch-up after a reconnect goes through
 * here: history after the last seq seen, merged without duplicates.
 */
/** Waits before resending a message the server could not store (`unavailable`): 2 s, 4 s, 8 s, … 30 s. */
const UNAVAILABLE_RETRY_FIRST_MS = 2_000;
const UNAVAILABLE_RETRY_MAX_MS = 30_000;

@Injectable({ providedIn: 'root' })
export class ChatStore {
  private readonly api = inject(GroupsApi);
  private readonly socket = inject(ChatSocketService);
  private readonly session = inject(SessionStore);
  private readonly outbox = inject(OutboxStore);
  /** clientMsgId → how many times the server answered `unavailable` in a row (for the back-off). */
  private readonly unavailableAttempts = new Map<string, number>();
  private readonly destroyRef = inject(DestroyRef);
  private readonly storage = inject(STORAGE);
  private readonly state = signal<ReadonlyMap<string, GroupState>>(new Map());
  private readonly activeKey = signal<string | null>(null);
  private lastTypingSent = new Map<string, number>();
  private listening: Subscription | null = null;

  /** Problems to show the person, newest last (socket errors without a pending message). */
  readonly notices = signal<string[]>([]);
  readonly loaded = signal(false);

  readonly groups = computed(() => [...this.state().values()].sort(byName));
  readonly joined = computed(() => this.groups().filter((state) => state.group.joined));
  readonly active = computed(() => {
    const key = this.activeKey();
    return key ? (this.state().get(key) ?? null) : null;
  });
  /** Messages of the active group still waiting for their echo, or failed. */
  readonly activeOutgoing = computed<OutgoingMessage[]>(() => {
    const active = this.active();
    return active ? this.outbox.items().filter((item) => groupKey(item.group) === groupKey(active.group.name)) : [];
  });
  readonly status = this.socket.status;

  /** Loads the groups and opens the socket; live events flow from then on. */
  start(): void {
    const token = this.session.token();
    if (this.listening || !token) return;
    this.listening = this.listen();
    void this.refreshGroups()
      .then(() => this.reopenLastGroup())
      .catch(() => this.notify('Could not load the groups; retrying when the connection is back.'))
      .finally(() => this.loaded.set(true));
    this.socket.connect(token);
  }

  stop(): void {
    this.listening?.unsubscribe();
    this.listening = null;
    this.socket.disconnect();
    this.state.set(new Map());
    this.activeKey.set(null);
    this.loaded.set(false);
  }

  async open(name: string): Promise<void> {
    const key = groupKey(name);
    this.activeKey.set(key);
    this.storage.setItem(this.lastGroupKey(), name);
    const current = this.state().get(key);
    if (!current?.group.joined) return;
    if (current.messages === null) {
      const page = await firstValueFrom(this.api.history(current.group.name, { limit: PAGE }));
      this.patch(key, (state) => ({
        ...state,
        messages: mergeMessages(page, state.messages ?? []),
        hasOlder: (page[0]?.seq ?? 1) > 1,
      }));
      // Live messages that arrived while the page was on its way were not kept: fetch them.
      await this.fetchAfter(current.group.name, page[page.length - 1]?.seq ?? 0);
    }
    if (current.members === null) void this.loadMembers(current.group.name);
  }

  async loadOlder(): Promise<number> {
    const active = this.active();
    const first = active?.messages?.[0];
    if (!active || !first || !active.hasOlder) return 0;
    const page = await firstValueFrom(this.api.history(active.group.name, { before: first.seq, limit: PAGE }));
    this.patch(groupKey(active.group.name), (state) => ({
      ...state,
      messages: mergeMessages(state.messages ?? [], page),
      hasOlder: page.length === PAGE && page[0].seq > 1,
    }));
    return page.length;
  }

  create(name: string): Observable<Group> {
    return this.api.create(name).pipe(tap((group) => this.upsertGroup(group)));
  }

  join(name: string): Observable<Group> {
    return this.api.join(name).pipe(tap((group) => this.upsertGroup(group)));
  }

  leave(name: string): Observable<void> {
    return this.api.leave(name).pipe(
      tap(() => {
        this.patch(groupKey(name), (state) => ({ ...state, group: notMember(state.group), messages: null, members: null }));
        if (this.activeKey() === groupKey(name)) this.activeKey.set(null);
      }),
    );
  }

  send(text: string): void {
    const active = this.active();
    if (!active) return;
    const item = this.outbox.add(active.group.name, text);
    // Others stop showing "typing" when my message arrives; the next keystroke says it again.
    this.lastTypingSent.delete(groupKey(active.group.name));
    this.socket.send('send', { group: item.group, text: item.text, clientMsgId: item.clientMsgId });
  }

  retry(clientMsgId: string): void {
    const item = this.outbox.retry(clientMsgId);
    if (item) this.socket.send('send', { group: item.group, text: item.text, clientMsgId: item.clientMsgId });
  }

  discard(clientMsgId: string): void {
    this.outbox.discard(clientMsgId);
  }

  /** The person has seen the active group's newest message (only if the page is in view). */
  markRead(): void {
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
    const active = this.active();
    if (!active?.group.joined) return;
    const { name, lastSeq, readSeq = 0 } = active.group;
    if (lastSeq <= readSeq) return;
    if (this.socket.send('read', { group: name, seq: lastSeq })) this.setReadSeq(name, lastSeq);
  }

  /** The person is typing in the active group (sent at most every 3 s). */
  typing(): void {
    const active = this.active();
    if (!active?.group.joined) return;
    const now = Date.now();
    const key = groupKey(active.group.name);
    if (now - (this.lastTypingSent.get(key) ?? 0) < TYPING_SEND_INTERVAL_MS) return;
    if (this.socket.send('typing', { group: active.group.name })) this.lastTypingSent.set(key, now);
  }

  dismissNotice(index: number): void {
    this.notices.update((notices) => notices.filter((_, i) => i !== index));
  }

  private listen(): Subscription {
    const subscriptions = new Subscription();
    const live = <T>(source: Observable<T>, handle: (data: T) => void) =>
      subscriptions.add(source.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(handle));
    live(this.socket.on('ready'), () => void this.catchUp());
    live(this.socket.on('message'), (message) => this.onMessage(message));
    live(this.socket.on('read'), (event) => this.onRead(event));
    live(this.socket.on('typing'), (event) => this.onTyping(event));
    live(this.socket.on('presence'), (event) => this.onPresence(event));
    live(this.socket.on('member'), (event) => this.onMember(event));
    live(this.socket.on('group'), (group) => this.upsertGroup(group));
    live(this.socket.on('error'), (error) => this.onError(error));
    return subscriptions;
  }

  /**
   * After every (re)connect: resend whatever the outbox still holds, then
   * fetch what each opened group missed and refresh counts and groups.
   * Where each group's catch-up starts is taken now, before live events
   * (which flow from here on) can move the newest seq past a gap.
   */
  private async catchUp(): Promise<void> {
    for (const item of this.outbox.pending()) {
      this.socket.send('send', { group: item.group, text: item.text, clientMsgId: item.clientMsgId });
    }
    const gaps = [...this.state().values()]
      .filter((state) => state.messages !== null && state.group.joined)
      .map((state) => ({ name: state.group.name, after: state.messages?.[state.messages.length - 1]?.seq ?? 0 }));
    try {
      await Promise.all([this.refreshGroups(), ...gaps.map((gap) => this.fetchAfter(gap.name, gap.after))]);
    } catch {
      this.notify('Could not catch up on missed messages; retrying when the connection is back.');
    } finally {
      this.loaded.set(true);
    }
  }

  /** Pages through everything after `after`, whatever arrives live meanwhile. */
  /** A reload comes back to the group that was open. */
  private async reopenLastGroup(): Promise<void> {
    const name = this.storage.getItem(this.lastGroupKey());
    if (name && !this.activeKey() && this.state().get(groupKey(name))?.group.joined) await this.open(name);
  }

  private lastGroupKey(): string {
    return `chat.lastGroup.${this.session.user()?.id ?? ''}`;
  }

  private async fetchAfter(name: string, after: number): Promise<void> {
    const key = groupKey(name);
    for (;;) {
      const page = await firstValueFrom(this.api.history(name, { after, limit: HISTORY_PAGE_MAX }));
      this.addMessages(key, page);
      if (page.length < HISTORY_PAGE_MAX) return;
      after = page[page.length - 1].seq;
    }
  }

  private async refreshGroups(): Promise<void> {
    const groups = await firstValueFrom(this.api.list());
    this.state.update((current) => {
      const next = new Map<string, GroupState>();
      for (const group of groups) {
        const key = groupKey(group.name);
        const previous = current.get(key);
        next.set(key, previous ? { ...previous, group } : emptyState(group));
      }
      return next;
    });
  }

  private async loadMembers(name: string): Promise<void> {
    const detail = await firstValueFrom(this.api.detail(name));
    // No list means we are not (or no longer) a member: leave it unloaded.
    this.patch(groupKey(name), (state) => ({ ...state, members: detail.members ?? null }));
  }

  private onMessage(message: Message): void {
    const key = groupKey(message.group);
    const me = this.session.user()?.id;
    if (message.sender.id === me) {
      this.outbox.acknowledge(message.clientMsgId);
      this.unavailableAttempts.delete(message.clientMsgId);
    }
    this.patch(key, (state) => {
      const lastSeq = Math.max(state.group.lastSeq, message.seq);
      // The server moves my marker to each message I send.
      const readSeq = message.sender.id === me ? Math.max(state.group.readSeq ?? 0, message.seq) : state.group.readSeq;
      const typing = state.typing.filter((typist) => typist.user.id !== message.sender.id);
      return {
        ...state,
        group: withCounts({ ...state.group, lastSeq }, readSeq),
        messages: state.messages === null ? null : mergeMessages(state.messages, [message]),
        typing,
      };
    });
  }

  private addMessages(key: string, page: Message[]): void {
    if (page.length === 0) return;
    const me = this.session.user()?.id;
    for (const message of page) if (message.sender.id === me) this.outbox.acknowledge(message.clientMsgId);
    this.patch(key, (state) => ({
      ...state,
      group: withCounts({ ...state.group, lastSeq: Math.max(state.group.lastSeq, page[page.length - 1].seq) }, state.group.readSeq),
      messages: mergeMessages(state.messages ?? [], page),
    }));
  }

  private onRead(event: ReadEvent): void {
    this.setReadSeq(event.group, event.seq);
  }

  private setReadSeq(name: string, seq: number): void {
    this.patch(groupKey(name), (state) =>
      state.group.joined ? { ...state, group: withCounts(state.group, Math.max(state.group.readSeq ?? 0, seq)) } : state,
    );
  }

  private onTyping(event: TypingEvent): void {
    const until = Date.now() + TYPING_DISPLAY_MS;
    const key = groupKey(event.group);
    this.patch(key, (state) => ({
      ...state,
      typing: [...state.typing.filter((typist) => typist.user.id !== event.user.id), { user: event.user, until }],
    }));
    setTimeout(() => {
      this.patch(key, (state) => ({ ...state, typing: state.typing.filter((typist) => typist.until > Date.now()) }));
    }, TYPING_DISPLAY_MS + 50);
  }

  private onPresence(event: PresenceEvent): void {
    this.state.update((current) => {
      const next = new Map(current);
      for (const [key, state] of current) {
        if (!state.members?.some((member) => member.id === event.user.id)) continue;
        const members = state.members.map((member) => (member.id === event.user.id ? { ...member, online: event.online } : member));
        next.set(key, { ...state, members });
      }
      return next;
    });
  }

  private onMember(event: MemberEvent): void {
    const key = groupKey(event.group);
    const me = this.session.user()?.id;
    if (event.user.id === me) {
      // Joined or left from another tab: the REST view has the right counts and marker.
      void this.refreshGroups();
      return;
    }
    this.patch(key, (state) => {
      const others = (state.members ?? []).filter((member) => member.id !== event.user.id);
      const members = state.members === null ? null : event.joined ? [...others, { ...event.user, online: true }] : others;
      const memberCount = Math.max(0, state.group.memberCount + (event.joined ? 1 : -1));
      const notice: MemberNotice = { user: event.user, joined: event.joined, at: new Date().toISOString() };
      return { ...state, group: { ...state.group, memberCount }, members, notices: [...state.notices, notice] };
    });
  }

  private onError(error: ChatErrorEvent): void {
    if (error.clientMsgId && this.outbox.items().some((item) => item.clientMsgId === error.clientMsgId)) {
      const id = error.clientMsgId;
      if (error.code === 'rate_limited') {
        // Not refused for what it is: send it again shortly.
        setTimeout(() => this.retry(id), 1000);
        return;
      }
      if (error.code === 'unavailable') {
        // The server could not store it now (its database is away): it stays "Sending…" and is
        // sent again, same clientMsgId, after a wait that doubles up to 30 s.
        const attempt = (this.unavailableAttempts.get(id) ?? 0) + 1;
        this.unavailableAttempts.set(id, attempt);
        setTimeout(() => this.retry(id), Math.min(UNAVAILABLE_RETRY_MAX_MS, UNAVAILABLE_RETRY_FIRST_MS * 2 ** (attempt - 1)));
        return;
      }
      this.unavailableAttempts.delete(id);
      this.outbox.fail(id, error.message);
      return;
    }
    this.notify(error.message);
  }

  private notify(message: string): void {
    this.notices.update((notices) => [...notices.slice(-4), message]);
  }

  private upsertGroup(group: Group): void {
    this.state.update((current) => {
      const key = groupKey(group.name);
      const previous = current.get(key);
      return new Map(current).set(key, previous ? { ...previous, group } : emptyState(group));
    });
  }

  private patch(key: string, change: (state: GroupState) => GroupState): void {
    this.state.update((current) => {
      const state = current.get(key);
      return state ? new Map(current).set(key, change(state)) : current;
    });
  }
}

function emptyState(group: Group): GroupState {
  return { group, messages: null, hasOlder: false, members: null, typing: [], notices: [] };
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

function byName(a: GroupState, b: GroupState): number {
  return a.group.name.localeCompare(b.group.name);
}
