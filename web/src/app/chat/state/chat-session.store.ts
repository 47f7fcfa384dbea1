import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import type { Group } from '@chat/protocol';
import { Observable, Subscription } from 'rxjs';
import { ChatSocketService } from '../../core/chat-socket.service';
import { STORAGE } from '../../core/endpoints';
import { SessionStore } from '../../core/session.store';
import { ActivityStore } from './activity.store';
import { GroupsStore } from './groups.store';
import { MessageActions } from './message-actions.store';
import { NoticesStore } from './notices.store';
import { NotificationsStore } from './notifications.store';
import { sameGroup } from './per-group';
import { ReactionsStore } from './reactions.store';
import { SearchStore } from './search.store';
import { SendQueue } from './send-queue.store';
import { TimelineStore } from './timeline.store';

/** A message to bring into view in a group or dm (a search result picked). */
export interface Reveal {
  group: string;
  seq: number;
}

/**
 * The chat while I am signed in: starts and stops it, hands each live
 * event to the stores whose job it is, catches up after every `ready`,
 * and keeps which group or dm is open (and reopens it after a reload),
 * and which message in it to show when one was opened from a search.
 *
 * One style for actions, here and in every chat store: an action that
 * waits for the server is `async` and its Promise rejects with the HTTP
 * error when it fails, for the caller to show (in place, or as a notice);
 * an action that only hands a frame to the socket returns nothing, its
 * outcome showing in state ("Sending…", "Not sent"). Work nobody waits for
 * (the first load, the catch-up) reports its failures as notices itself.
 */
@Injectable({ providedIn: 'root' })
export class ChatSession {
  private readonly socket = inject(ChatSocketService);
  private readonly session = inject(SessionStore);
  private readonly storage = inject(STORAGE);
  private readonly groups = inject(GroupsStore);
  private readonly timeline = inject(TimelineStore);
  private readonly activity = inject(ActivityStore);
  private readonly queue = inject(SendQueue);
  private readonly notices = inject(NoticesStore);
  private readonly actions = inject(MessageActions);
  private readonly reactions = inject(ReactionsStore);
  private readonly notifications = inject(NotificationsStore);
  private readonly search = inject(SearchStore);
  private readonly activeName = signal<string | null>(null);
  private listening: Subscription | null = null;

  /** The group list has been loaded once (the screen may say "no groups yet"). */
  readonly loaded = signal(false);
  readonly status = this.socket.status;
  /** The open group or dm. */
  readonly active = computed<Group | null>(() => {
    const name = this.activeName();
    return name === null ? null : (this.groups.get(name) ?? null);
  });

  /**
   * The message to show in the open group rather than its newest (a new
   * object each time one is asked for, so asking twice shows it twice);
   * `null` once a group is opened the usual way.
   */
  readonly reveal = signal<Reveal | null>(null);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.listening?.unsubscribe());
  }

  /** Loads the groups and opens the socket; live events flow from then on. */
  start(): void {
    const token = this.session.token();
    if (this.listening || !token) return;
    this.listening = this.listen();
    this.groups
      .refresh()
      .then(() => this.reopenLastGroup())
      .catch(() => this.notices.notify('Could not load the groups; retrying when the connection is back.'))
      .finally(() => this.loaded.set(true));
    this.socket.connect(token);
  }

  stop(): void {
    this.listening?.unsubscribe();
    this.listening = null;
    this.socket.disconnect();
    this.groups.reset();
    this.timeline.reset();
    this.activity.reset();
    this.actions.reset();
    this.reactions.reset();
    this.search.clear();
    this.activeName.set(null);
    this.reveal.set(null);
    this.loaded.set(false);
  }

  /** Opens a group: the newest messages and the members the first time, and remembers it for the next visit. */
  async open(name: string): Promise<void> {
    this.reveal.set(null);
    await this.enter(name);
  }

  /**
   * Opens a group or dm at message `seq` (a search result), however far
   * back: the messages around it are loaded, the newest stay below. Resolves
   * with whether the message is there; rejects with the HTTP error.
   */
  async openAt(name: string, seq: number): Promise<boolean> {
    // Said before the group shows, so its list goes to the message, not to the newest first.
    this.reveal.set({ group: name, seq });
    await this.enter(name);
    return this.timeline.loadAround(name, seq);
  }

  /** Opens the dm with this person, creating it if need be; rejects with the HTTP error (403: we share no group). */
  async openDmWith(userId: string): Promise<void> {
    const dm = await this.groups.openDm(userId);
    await this.open(dm.name);
  }

  async leave(name: string): Promise<void> {
    await this.groups.leave(name);
    this.timeline.forget(name);
    this.search.forget(name);
    this.activity.forgetMembers(name);
    const active = this.activeName();
    if (active !== null && sameGroup(active, name)) this.activeName.set(null);
  }

  /** Sends a message to the open group, answering the message chosen to reply to, if any. */
  send(text: string): void {
    const group = this.active();
    if (!group) return;
    this.queue.send(group.name, text, this.actions.takeReply(group.name));
    this.activity.sent(group.name);
  }

  /** Shows a group: the newest messages and the members the first time, and remembers it for the next visit. */
  private async enter(name: string): Promise<void> {
    this.activeName.set(name);
    this.storage.setItem(this.lastGroupKey(), name);
    const group = this.groups.get(name);
    if (!group?.joined) return;
    const needsMembers = this.activity.of(name).members === null;
    if (!this.timeline.of(name)) await this.timeline.loadNewest(group.name);
    if (needsMembers) {
      this.activity.loadMembers(group.name).catch(() => this.notices.notify(`Could not load the members of "${group.name}".`));
    }
  }

  private listen(): Subscription {
    const subscriptions = new Subscription();
    const live = <T>(source: Observable<T>, handle: (data: T) => void) => subscriptions.add(source.subscribe(handle));
    live(this.socket.on('ready'), () => void this.catchUp());
    live(this.socket.on('message'), (message) => {
      // A copy of one already counted comes when the server fills a gap: no alert, no end of typing.
      const isNew = message.seq > (this.groups.get(message.group)?.lastSeq ?? Infinity);
      this.queue.acknowledge([message]);
      this.groups.received(message);
      this.timeline.received(message);
      if (isNew) this.activity.received(message);
      this.notifications.received(message, isNew);
    });
    live(this.socket.on('edit'), (event) => {
      this.groups.edited(event);
      this.timeline.edited(event);
      this.search.edited(event);
    });
    live(this.socket.on('delete'), (event) => {
      this.groups.deleted(event);
      this.timeline.deleted(event);
      this.search.deleted(event);
    });
    live(this.socket.on('reaction'), (event) => {
      this.groups.reacted(event);
      this.timeline.reacted(event);
    });
    live(this.socket.on('read'), (event) => this.groups.read(event));
    live(this.socket.on('typing'), (event) => this.activity.typist(event));
    live(this.socket.on('presence'), (event) => this.activity.presence(event));
    live(this.socket.on('member'), (event) => {
      this.groups.member(event);
      this.activity.member(event);
    });
    live(this.socket.on('group'), (group) => this.groups.upsert(group));
    // Someone opened a dm with me (or I did, in this tab or another): it shows at once, its events follow.
    live(this.socket.on('dm'), (dm) => this.groups.addDm(dm));
    live(this.socket.on('error'), (error) => {
      if (!this.queue.refused(error)) this.notices.notify(error.message);
    });
    return subscriptions;
  }

  /**
   * After every (re)connect: resend whatever is still waiting, then fetch
   * the changes each opened group missed (from the last revision it
   * applied without a gap) and refresh counts and groups.
   */
  private async catchUp(): Promise<void> {
    this.queue.resendPending();
    try {
      await Promise.all([this.groups.refresh(), this.timeline.catchUpAll()]);
    } catch {
      this.notices.notify('Could not catch up on missed messages; retrying when the connection is back.');
    } finally {
      this.loaded.set(true);
    }
  }

  /** A reload comes back to the group or dm that was open (a dm's name is as good a key as a group's). */
  private async reopenLastGroup(): Promise<void> {
    const name = this.storage.getItem(this.lastGroupKey());
    if (name && this.activeName() === null && this.groups.get(name)?.joined) await this.open(name);
  }

  private lastGroupKey(): string {
    return `chat.lastGroup.${this.session.user()?.id ?? ''}`;
  }
}
