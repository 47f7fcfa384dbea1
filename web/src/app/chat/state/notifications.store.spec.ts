import { TestBed } from '@angular/core/testing';
import type { Message } from '@chat/protocol';
import { bob, dm, meInPublic, msg, useChatHarness } from '../../testing/chat-harness';
import { alertFor, alertReason, type AlertContext } from './notification-policy';
import { NotificationsStore } from './notifications.store';

/** The browser's Notification, as far as the store uses it: records what it shows. */
class FakeNotification {
  static permission: NotificationPermission = 'default';
  static requests = 0;
  static answer: NotificationPermission = 'granted';
  static shown: FakeNotification[] = [];
  static async requestPermission(): Promise<NotificationPermission> {
    FakeNotification.requests++;
    FakeNotification.permission = FakeNotification.answer;
    return FakeNotification.answer;
  }
  onclick: (() => void) | null = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.shown.push(this);
  }
  close(): void {
    this.closed = true;
  }
}

const mentionsMe = (text = 'look, <@u-me> and <@u-bob>'): Message => ({ ...msg(4, bob), text, mentions: [meInPublic.id] });

describe('notification policy', () => {
  const hidden: AlertContext = { myId: 'u-me', hidden: true, allowed: true, isNew: true };

  it('alerts for a new message that mentions me while the tab is hidden', () => {
    expect(alertReason(mentionsMe(), hidden)).toBe('mention');
  });

  it('never while I look, when not allowed, for a copy, for my own, a deleted one or one that mentions others', () => {
    expect(alertReason(mentionsMe(), { ...hidden, hidden: false })).toBeNull();
    expect(alertReason(mentionsMe(), { ...hidden, allowed: false })).toBeNull();
    expect(alertReason(mentionsMe(), { ...hidden, isNew: false })).toBeNull();
    expect(alertReason({ ...mentionsMe(), sender: meInPublic }, hidden)).toBeNull();
    expect(alertReason({ ...mentionsMe(), deleted: true }, hidden)).toBeNull();
    expect(alertReason({ ...mentionsMe(), mentions: ['u-bob'] }, hidden)).toBeNull();
  });

  it('alerts for every message of the other person in a dm, never for mine or while I look', () => {
    expect(alertReason({ ...mentionsMe(), mentions: [] }, { ...hidden, direct: true })).toBe('direct');
    expect(alertReason({ ...mentionsMe(), sender: meInPublic }, { ...hidden, direct: true })).toBeNull();
    expect(alertReason({ ...mentionsMe(), mentions: [] }, { ...hidden, direct: true, hidden: false })).toBeNull();
  });

  it('titles with sender and group, and shows mentions as @names', () => {
    const names = new Map([['u-me', 'Me'], ['u-bob', 'Bob Chen']]);
    expect(alertFor(mentionsMe(), 'mention', names)).toEqual({
      reason: 'mention',
      title: 'bob in #general',
      body: 'look, @Me and @Bob Chen',
      tag: 'general\n4',
      group: 'general',
    });
    expect(alertFor(mentionsMe('x'.repeat(300)), 'mention', names).body).toBe(`${'x'.repeat(180)}…`);
    expect(alertFor(mentionsMe(), 'direct', names).title).toBe('bob');
  });
});

describe(NotificationsStore.name, () => {
  const t = useChatHarness();
  const store = () => TestBed.inject(NotificationsStore);
  let visibility: DocumentVisibilityState;
  const original = (globalThis as { Notification?: unknown }).Notification;

  beforeEach(() => {
    FakeNotification.permission = 'default';
    FakeNotification.requests = 0;
    FakeNotification.answer = 'granted';
    FakeNotification.shown = [];
    (globalThis as { Notification?: unknown }).Notification = FakeNotification;
    visibility = 'hidden';
    jest.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
  });
  afterEach(() => {
    (globalThis as { Notification?: unknown }).Notification = original;
  });

  it('asks the browser only when turned on, never before', async () => {
    await t.start();
    await t.ready();
    expect(store().permission()).toBe('default');
    expect(FakeNotification.requests).toBe(0);
    await store().turnOn();
    expect(FakeNotification.requests).toBe(1);
    expect(store().on()).toBe(true);
  });

  it('shows a mention of me while the tab is hidden, and a click opens its group', async () => {
    FakeNotification.permission = 'granted';
    await t.start();
    await t.ready();
    const opened: string[] = [];
    store().opened.subscribe((name) => opened.push(name));
    const focus = jest.spyOn(window, 'focus').mockImplementation(() => undefined);
    t.socket().emit('message', mentionsMe('hey <@u-me>'));
    expect(FakeNotification.shown.map((n) => [n.title, n.options.body])).toEqual([['bob in #general', 'hey @me']]);
    FakeNotification.shown[0].onclick?.();
    expect(focus).toHaveBeenCalled();
    expect(FakeNotification.shown[0].closed).toBe(true);
    expect(opened).toEqual(['general']);
  });

  it('shows nothing while the tab is in view, for a copy of a message, or once turned off', async () => {
    FakeNotification.permission = 'granted';
    await t.start();
    await t.ready();
    visibility = 'visible';
    t.socket().emit('message', mentionsMe());
    visibility = 'hidden';
    t.socket().emit('message', { ...mentionsMe(), seq: 2, rev: 9 }); // a copy of seq 2, already counted
    store().turnOff();
    t.socket().emit('message', { ...mentionsMe(), seq: 5, rev: 5 });
    expect(FakeNotification.shown).toEqual([]);
    expect(t.storage.getItem('chat.notifications.off')).toBe('1');
  });
  it('shows every message of the other person in a dm while the tab is hidden, titled with their name; a click opens the dm', async () => {
    FakeNotification.permission = 'granted';
    const withBob = dm(bob);
    t.dmsOnServer = [withBob];
    await t.start();
    await t.ready();
    const opened: string[] = [];
    store().opened.subscribe((name) => opened.push(name));
    jest.spyOn(window, 'focus').mockImplementation(() => undefined);
    // Never opened: the dm's own members name the mentions.
    t.socket().emit('message', { ...msg(1, bob, withBob.name), text: 'lunch, <@u-me>?', mentions: [meInPublic.id] });
    t.socket().emit('message', msg(2, bob, withBob.name));
    t.socket().emit('message', msg(3, meInPublic, withBob.name));
    expect(FakeNotification.shown.map((n) => [n.title, n.options.body])).toEqual([
      ['bob', 'lunch, @me?'],
      ['bob', 'text 2'],
    ]);
    FakeNotification.shown[1].onclick?.();
    expect(opened).toEqual([withBob.name]);
  });
});
