import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Group, GroupDetail, Message, OwnUser, ServerEventName, ServerEvents, User } from '@chat/protocol';
import { ChatStore, GroupState } from './chat.store';
import { STORAGE, WS_URL } from './endpoints';
import { OutboxStore } from './outbox.store';
import { SessionStore } from './session.store';
import { FakeWebSocket } from '../testing/fake-web-socket';
import { MemoryStorage } from '../testing/memory-storage';

const me: OwnUser = { id: 'u-me', email: 'me@example.com', displayName: 'me' };
/** Me as the server shows me in messages, members and events: without the email. */
const meInPublic: User = { id: me.id, displayName: me.displayName };
const bob: User = { id: 'u-bob', displayName: 'bob' };
const carol: User = { id: 'u-carol', displayName: 'carol' };

function group(name: string, lastSeq: number, readSeq = lastSeq, joined = true): Group {
  const base: Group = { name, createdAt: '2024-01-01T00:00:00.000Z', createdBy: bob, memberCount: 2, joined, lastSeq };
  return joined ? { ...base, readSeq, unread: lastSeq - readSeq } : base;
}

function msg(seq: number, sender: User = bob, groupName = 'general', clientMsgId = `c-${groupName}-${seq}`): Message {
  return { id: `m-${groupName}-${seq}`, group: groupName, seq, sender, text: `text ${seq}`, createdAt: new Date(Date.UTC(2024, 0, 1, 0, 0, seq)).toISOString(), clientMsgId };
}

function range(from: number, to: number, groupName = 'general'): Message[] {
  return Array.from({ length: to - from + 1 }, (_, i) => msg(from + i, bob, groupName));
}

/** Lets pending promise continuations (the store's async steps) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

describe(ChatStore.name, () => {
  const originalWebSocket = globalThis.WebSocket;
  let storage: MemoryStorage;
  let store: ChatStore;
  let http: HttpTestingController;
  let groupsOnServer: Group[];

  const seqs = (name = 'general') => stateOf(name)?.messages?.map((m) => m.seq) ?? null;
  const stateOf = (name: string): GroupState | undefined => store.groups().find((state) => state.group.name === name);
  const socket = () => FakeWebSocket.last;
  const sentFrames = (event: string) => FakeWebSocket.instances.flatMap((ws) => ws.sent).filter((frame) => frame.event === event);

  function expectGroupsList(): TestRequest {
    return http.expectOne((req) => req.method === 'GET' && req.url === '/api/groups');
  }

  function expectHistory(name: string, params: Record<string, string>): TestRequest {
    const described = `GET /api/groups/${name}/messages ${JSON.stringify(params)}`;
    return http.expectOne((req) => {
      if (req.method !== 'GET' || req.url !== `/api/groups/${encodeURIComponent(name)}/messages`) return false;
      const keys = req.params.keys();
      return keys.length === Object.keys(params).length && keys.every((key) => req.params.get(key) === params[key]);
    }, described);
  }

  async function start(): Promise<void> {
    store.start();
    expectGroupsList().flush(groupsOnServer);
    await settle();
  }

  /** The socket opens and says ready; the store refreshes the groups. */
  async function ready(): Promise<void> {
    socket().accept();
    socket().emit('ready', { user: me, groups: groupsOnServer.filter((g) => g.joined).map((g) => g.name) });
    expectGroupsList().flush(groupsOnServer);
    await settle();
  }

  async function open(name: string, page: Message[], after: Message[] = []): Promise<void> {
    const opening = store.open(name);
    expectHistory(name, { limit: '50' }).flush(page);
    await settle();
    const last = page[page.length - 1]?.seq ?? 0;
    expectHistory(name, { after: String(last), limit: '100' }).flush(after);
    await opening;
    const detail: GroupDetail = { ...groupsOnServer.find((g) => g.name === name)!, members: [{ ...meInPublic, online: true }, { ...bob, online: false }] };
    http.expectOne(`/api/groups/${encodeURIComponent(name)}`).flush(detail);
    await settle();
  }

  /** The connection drops and comes back after the first backoff delay. */
  function reconnect(): void {
    socket().drop();
    jest.advanceTimersByTime(500);
  }

  beforeEach(() => {
    jest.useFakeTimers();
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    FakeWebSocket.instances = [];
    (globalThis as { WebSocket: unknown }).WebSocket = FakeWebSocket;
    storage = new MemoryStorage();
    groupsOnServer = [group('general', 3), group('random', 0), group('elsewhere', 7, 0, false)];
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: STORAGE, useValue: storage },
        { provide: WS_URL, useValue: 'ws://chat.test/ws' },
      ],
    });
    TestBed.inject(SessionStore).start({ user: me, token: 'my token' });
    store = TestBed.inject(ChatStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
    globalThis.WebSocket = originalWebSocket;
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  describe('start', () => {
    it('loads the groups and opens the socket with the token', async () => {
      expect(store.loaded()).toBe(false);
      store.start();
      expect(FakeWebSocket.instances.map((ws) => ws.url)).toEqual(['ws://chat.test/ws?token=my%20token']);
      expect(store.status()).toBe('connecting');
      expectGroupsList().flush(groupsOnServer);
      await settle();
      expect(store.loaded()).toBe(true);
      expect(store.groups().map((state) => state.group.name)).toEqual(['elsewhere', 'general', 'random']);
      expect(store.joined().map((state) => state.group.name)).toEqual(['general', 'random']);
      expect(stateOf('general')).toMatchObject({ messages: null, members: null, typing: [] });
      socket().accept();
      expect(store.status()).toBe('online');
    });

    it('does it once however often it is called', async () => {
      store.start();
      store.start();
      expectGroupsList().flush(groupsOnServer);
      await settle();
      expect(FakeWebSocket.instances).toHaveLength(1);
    });

    it('does nothing when nobody is signed in', () => {
      TestBed.inject(SessionStore).end();
      store.start();
      http.expectNone('/api/groups');
      expect(FakeWebSocket.instances).toHaveLength(0);
    });
  });

  describe('open', () => {
    it('loads the newest page, what arrived meanwhile, and the members', async () => {
      await start();
      await ready();
      await open('general', range(1, 3), [msg(4)]);
      expect(store.active()?.group.name).toBe('general');
      expect(seqs()).toEqual([1, 2, 3, 4]);
      expect(stateOf('general')?.hasOlder).toBe(false);
      expect(stateOf('general')?.members?.map((member) => member.id)).toEqual(['u-me', 'u-bob']);
    });

    it('knows when older history exists, and loads it', async () => {
      await start();
      await ready();
      await open('general', range(51, 100));
      expect(stateOf('general')?.hasOlder).toBe(true);
      const loading = store.loadOlder();
      expectHistory('general', { before: '51', limit: '50' }).flush(range(1, 50));
      expect(await loading).toBe(50);
      expect(seqs()).toEqual(range(1, 100).map((m) => m.seq));
      expect(stateOf('general')?.hasOlder).toBe(false);
    });
  });

  describe('catch-up on ready', () => {
    it('fetches each opened group after its last seq and merges the page', async () => {
      await start();
      await ready();
      await open('general', range(1, 3));
      reconnect();
      groupsOnServer = [group('general', 5, 3), group('random', 0), group('elsewhere', 7, 0, false)];
      await ready();
      // Only the opened group: `random` was never opened.
      expectHistory('general', { after: '3', limit: '100' }).flush([msg(4), msg(5)]);
      await settle();
      expect(seqs()).toEqual([1, 2, 3, 4, 5]);
      expect(stateOf('general')?.group).toMatchObject({ lastSeq: 5, readSeq: 3, unread: 2 });
      expect(seqs('random')).toBeNull();
    });

    it('shows nothing twice when live messages overlap the catch-up page', async () => {
      await start();
      await ready();
      await open('general', range(1, 3));
      reconnect();
      await ready();
      const catchUp = expectHistory('general', { after: '3', limit: '100' });
      // While the page is on its way, 4 and 5 arrive live.
      socket().emit('message', msg(4));
      socket().emit('message', msg(5));
      catchUp.flush([msg(4), msg(5)]);
      await settle();
      socket().emit('message', msg(5));
      socket().emit('message', msg(6));
      expect(seqs()).toEqual([1, 2, 3, 4, 5, 6]);
    });

    it('keeps fetching while pages come back full', async () => {
      await start();
      await ready();
      await open('general', range(1, 3));
      reconnect();
      await ready();
      expectHistory('general', { after: '3', limit: '100' }).flush(range(4, 103));
      await settle();
      expectHistory('general', { after: '103', limit: '100' }).flush(range(104, 110));
      await settle();
      expect(seqs()).toEqual(range(1, 110).map((m) => m.seq));
    });

    it('does not skip the missed messages when a live one arrives while the groups are being refreshed', async () => {
      // Contract: catch up with `after=<last seq it saw>`, then apply live events. The
      // server sends live events right after `ready`, while the store still waits for
      // GET /api/groups; the catch-up must still start after 3, not after the live 5.
      await start();
      await ready();
      await open('general', range(1, 3));
      reconnect();
      socket().accept();
      socket().emit('ready', { user: me, groups: ['general', 'random'] });
      const refresh = expectGroupsList();
      socket().emit('message', msg(5)); // 4 was sent while we were away
      groupsOnServer = [group('general', 5, 3), group('random', 0), group('elsewhere', 7, 0, false)];
      refresh.flush(groupsOnServer);
      await settle();
      const catchUp = http.match((req) => req.url === '/api/groups/general/messages');
      expect(catchUp.map((req) => req.request.params.get('after'))).toEqual(['3']);
      catchUp.forEach((req) => req.flush([msg(4), msg(5)]));
      await settle();
      expect(seqs()).toEqual([1, 2, 3, 4, 5]);
    });

    it('does not skip messages when a live one arrives between two catch-up pages', async () => {
      await start();
      await ready();
      await open('general', range(1, 3));
      reconnect();
      await ready();
      const firstPage = expectHistory('general', { after: '3', limit: '100' });
      socket().emit('message', msg(160)); // sent live while the first page is on its way
      firstPage.flush(range(4, 103));
      await settle();
      const next = http.match((req) => req.url === '/api/groups/general/messages');
      expect(next.map((req) => req.request.params.get('after'))).toEqual(['103']);
      next.forEach((req) => req.flush(range(104, 159)));
      await settle();
      expect(seqs()).toEqual(range(1, 160).map((m) => m.seq));
    });
  });

  describe('live messages', () => {
    it('appends in seq order and counts unread', async () => {
      await start();
      await ready();
      await open('general', range(1, 3));
      socket().emit('message', msg(4));
      socket().emit('message', msg(5, carol));
      expect(seqs()).toEqual([1, 2, 3, 4, 5]);
      expect(stateOf('general')?.group).toMatchObject({ lastSeq: 5, readSeq: 3, unread: 2 });
    });

    it('counts unread in groups that were never opened without keeping their messages', async () => {
      await start();
      await ready();
      socket().emit('message', msg(1, bob, 'random'));
      socket().emit('message', msg(2, bob, 'random'));
      expect(stateOf('random')?.messages).toBeNull();
      expect(stateOf('random')?.group).toMatchObject({ lastSeq: 2, readSeq: 0, unread: 2 });
    });

    it('ignores a repeated seq', async () => {
      await start();
      await ready();
      await open('general', range(1, 3));
      socket().emit('message', msg(3));
      expect(seqs()).toEqual([1, 2, 3]);
      expect(stateOf('general')?.group.unread).toBe(0);
    });

    it('moves my read marker to a message I sent (from any tab)', async () => {
      groupsOnServer = [group('general', 3, 1)];
      await start();
      await ready();
      socket().emit('message', msg(4, meInPublic));
      expect(stateOf('general')?.group).toMatchObject({ lastSeq: 4, readSeq: 4, unread: 0 });
    });

    it('clears the typing line of the sender', async () => {
      await start();
      await ready();
      socket().emit('typing', { group: 'general', user: bob });
      socket().emit('typing', { group: 'general', user: carol });
      socket().emit('message', msg(4, bob));
      expect(stateOf('general')?.typing.map((typist) => typist.user.id)).toEqual(['u-carol']);
    });
  });

  describe('read from another tab', () => {
    it('moves the read marker forward and recounts unread, never back', async () => {
      groupsOnServer = [group('general', 10, 2)];
      await start();
      await ready();
      socket().emit('read', { group: 'general', seq: 7 });
      expect(stateOf('general')?.group).toMatchObject({ readSeq: 7, unread: 3 });
      socket().emit('read', { group: 'general', seq: 5 });
      expect(stateOf('general')?.group).toMatchObject({ readSeq: 7, unread: 3 });
    });

    it('matches the group name regardless of case', async () => {
      groupsOnServer = [group('General', 10, 2)];
      await start();
      await ready();
      socket().emit('read', { group: 'general', seq: 10 });
      expect(stateOf('General')?.group).toMatchObject({ readSeq: 10, unread: 0 });
    });
  });

  describe('markRead', () => {
    it('sends read for the newest message of the active group when online', async () => {
      groupsOnServer = [group('general', 3, 1)];
      await start();
      await ready();
      await open('general', range(1, 3));
      store.markRead();
      expect(sentFrames('read').map((frame) => frame.data)).toEqual([{ group: 'general', seq: 3 }]);
      expect(stateOf('general')?.group).toMatchObject({ readSeq: 3, unread: 0 });
      store.markRead();
      expect(sentFrames('read')).toHaveLength(1);
    });
  });

  describe('sending', () => {
    it('sends the message with its clientMsgId and keeps it until its echo', async () => {
      await start();
      await ready();
      await open('general', range(1, 3));
      store.send('hello');
      const [frame] = sentFrames('send');
      expect(frame.data).toMatchObject({ group: 'general', text: 'hello' });
      const clientMsgId = frame.data['clientMsgId'] as string;
      expect(store.activeOutgoing().map((item) => item.clientMsgId)).toEqual([clientMsgId]);

      socket().emit('message', { ...msg(4, meInPublic), text: 'hello', clientMsgId });
      expect(store.activeOutgoing()).toEqual([]);
      expect(TestBed.inject(OutboxStore).items()).toEqual([]);
      expect(seqs()).toEqual([1, 2, 3, 4]);
    });

    it('does not take the echo of someone else as mine', async () => {
      await start();
      await ready();
      await open('general', range(1, 3));
      store.send('hello');
      const clientMsgId = sentFrames('send')[0].data['clientMsgId'] as string;
      socket().emit('message', { ...msg(4, bob), clientMsgId });
      expect(store.activeOutgoing()).toHaveLength(1);
    });

    it('keeps a message written while reconnecting and sends it as soon as ready arrives', async () => {
      await start();
      await ready();
      await open('general', range(1, 3));
      socket().drop();
      store.send('while away');
      expect(sentFrames('send')).toEqual([]);
      jest.advanceTimersByTime(500);
      await ready();
      // At once, without waiting for the catch-up: the server dedupes by clientMsgId.
      expect(sentFrames('send').map((frame) => frame.data['text'])).toEqual(['while away']);
      expectHistory('general', { after: '3', limit: '100' }).flush([]);
      await settle();
      expect(socket().sent.map((frame) => frame.event)).toEqual(['send']);
    });

    it('resends, with the same clientMsgId, what a reload left in the outbox', async () => {
      const left = TestBed.inject(OutboxStore).add('random', 'from before the reload');
      await start();
      await ready();
      expect(sentFrames('send')).toEqual([{ event: 'send', data: { group: 'random', text: 'from before the reload', clientMsgId: left.clientMsgId } }]);
    });

    it('still sends the outbox after ready when the groups refresh fails (a server just restarted)', async () => {
      await start();
      await ready();
      socket().drop();
      TestBed.inject(OutboxStore).add('general', 'while away');
      jest.advanceTimersByTime(500);
      socket().accept();
      socket().emit('ready', { user: me, groups: ['general', 'random'] });
      // The store's catch-up promise rejects with nobody to catch it; keep that from crashing the run.
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      try {
        expectGroupsList().flush({ statusCode: 503, message: 'Service Unavailable' }, { status: 503, statusText: 'Service Unavailable' });
        await settle();
        jest.useRealTimers();
        await new Promise((resolve) => setTimeout(resolve, 10));
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
      expect(sentFrames('send').map((frame) => frame.data['text'])).toEqual(['while away']);
      expect(unhandled).toEqual([]);
    });

    it('resends on every reconnect until the echo arrives', async () => {
      await start();
      await ready();
      await open('general', range(1, 3));
      store.send('hello');
      const clientMsgId = sentFrames('send')[0].data['clientMsgId'] as string;
      reconnect();
      await ready();
      expectHistory('general', { after: '3', limit: '100' }).flush([]);
      await settle();
      expect(sentFrames('send').map((frame) => frame.data['clientMsgId'])).toEqual([clientMsgId, clientMsgId]);
      socket().emit('message', { ...msg(4, meInPublic), clientMsgId });
      reconnect();
      await ready();
      expectHistory('general', { after: '4', limit: '100' }).flush([]);
      await settle();
      expect(sentFrames('send')).toHaveLength(2);
    });
  });

  describe('error events', () => {
    it('marks the message named by clientMsgId as failed and does not resend it', async () => {
      await start();
      await ready();
      await open('general', range(1, 3));
      store.send('x'.repeat(10));
      const clientMsgId = sentFrames('send')[0].data['clientMsgId'] as string;
      socket().emit('error', { code: 'forbidden', message: 'You are not a member of this group.', clientMsgId });
      expect(store.activeOutgoing()).toEqual([expect.objectContaining({ clientMsgId, error: 'You are not a member of this group.' })]);
      expect(store.notices()).toEqual([]);
      reconnect();
      await ready();
      expectHistory('general', { after: '3', limit: '100' }).flush([]);
      await settle();
      expect(sentFrames('send')).toHaveLength(1);
    });

    it('sends a failed message again on retry, and forgets it on discard', async () => {
      await start();
      await ready();
      await open('general', range(1, 3));
      store.send('one');
      store.send('two');
      const [one, two] = sentFrames('send').map((frame) => frame.data['clientMsgId'] as string);
      socket().emit('error', { code: 'bad_request', message: 'Invalid.', clientMsgId: one });
      socket().emit('error', { code: 'bad_request', message: 'Invalid.', clientMsgId: two });
      store.retry(one);
      expect(sentFrames('send').map((frame) => frame.data['clientMsgId'])).toEqual([one, two, one]);
      store.discard(two);
      expect(store.activeOutgoing().map((item) => [item.clientMsgId, item.error])).toEqual([[one, undefined]]);
    });

    it('sends a rate-limited message again a second later', async () => {
      await start();
      await ready();
      await open('general', range(1, 3));
      store.send('hi');
      const clientMsgId = sentFrames('send')[0].data['clientMsgId'] as string;
      socket().emit('error', { code: 'rate_limited', message: 'Slow down.', clientMsgId });
      expect(store.activeOutgoing()[0].error).toBeUndefined();
      jest.advanceTimersByTime(999);
      expect(sentFrames('send')).toHaveLength(1);
      jest.advanceTimersByTime(1);
      expect(sentFrames('send')).toHaveLength(2);
    });

    it('keeps an unavailable message as "Sending…" and sends it again, same clientMsgId, waiting longer each time', async () => {
      await start();
      await ready();
      await open('general', range(1, 3));
      store.send('hi');
      const clientMsgId = sentFrames('send')[0].data['clientMsgId'] as string;
      socket().emit('error', { code: 'unavailable', message: 'Try again shortly.', clientMsgId });
      expect(store.activeOutgoing()[0].error).toBeUndefined();
      expect(store.notices()).toEqual([]);
      jest.advanceTimersByTime(1999);
      expect(sentFrames('send')).toHaveLength(1);
      jest.advanceTimersByTime(1);
      expect(sentFrames('send').map((frame) => frame.data['clientMsgId'])).toEqual([clientMsgId, clientMsgId]);
      socket().emit('error', { code: 'unavailable', message: 'Try again shortly.', clientMsgId });
      jest.advanceTimersByTime(3999);
      expect(sentFrames('send')).toHaveLength(2);
      jest.advanceTimersByTime(1);
      expect(sentFrames('send')).toHaveLength(3);
      expect(store.activeOutgoing()[0].error).toBeUndefined();
    });

    it('shows an error without a known clientMsgId as a notice, keeping the last five', async () => {
      await start();
      await ready();
      socket().emit('error', { code: 'not_found', message: 'No such group.' });
      socket().emit('error', { code: 'bad_request', message: 'Bad.', clientMsgId: 'not-mine' });
      expect(store.notices()).toEqual(['No such group.', 'Bad.']);
      for (let i = 1; i <= 6; i++) socket().emit('error', { code: 'bad_request', message: `n${i}` });
      expect(store.notices()).toEqual(['n2', 'n3', 'n4', 'n5', 'n6']);
      store.dismissNotice(0);
      expect(store.notices()).toEqual(['n3', 'n4', 'n5', 'n6']);
    });
  });

  describe('typing', () => {
    it('shows a typist for about 5 s', async () => {
      await start();
      await ready();
      socket().emit('typing', { group: 'general', user: bob });
      expect(stateOf('general')?.typing.map((typist) => typist.user.id)).toEqual(['u-bob']);
      jest.advanceTimersByTime(4_900);
      expect(stateOf('general')?.typing).toHaveLength(1);
      jest.advanceTimersByTime(200);
      expect(stateOf('general')?.typing).toEqual([]);
    });

    it('keeps showing a typist who types again, until 5 s after the last event', async () => {
      await start();
      await ready();
      socket().emit('typing', { group: 'general', user: bob });
      jest.advanceTimersByTime(3_000);
      socket().emit('typing', { group: 'general', user: bob });
      expect(stateOf('general')?.typing).toHaveLength(1); // one entry, not two
      jest.advanceTimersByTime(2_500); // 5.5 s after the first
      expect(stateOf('general')?.typing).toHaveLength(1);
      jest.advanceTimersByTime(2_600); // 5.1 s after the second
      expect(stateOf('general')?.typing).toEqual([]);
    });

    it('sends typing at most every 3 s, and again right after a message', async () => {
      await start();
      await ready();
      await open('general', range(1, 3));
      store.typing();
      store.typing();
      expect(sentFrames('typing')).toHaveLength(1);
      jest.advanceTimersByTime(3_000);
      store.typing();
      expect(sentFrames('typing')).toHaveLength(2);
      store.send('done');
      store.typing();
      expect(sentFrames('typing')).toHaveLength(3);
    });
  });

  describe('stop and start again (sign out, sign in)', () => {
    it('handles each event once after a restart', async () => {
      await start();
      await ready();
      store.stop();
      expect(store.groups()).toEqual([]);
      expect(store.status()).toBe('offline');
      await start();
      socket().accept();
      socket().emit('error', { code: 'not_found', message: 'No such group.' });
      expect(store.notices()).toEqual(['No such group.']);
      socket().emit('ready', { user: me, groups: ['general', 'random'] });
      // One refresh per ready, not one per start() ever made.
      const refreshes = http.match((req) => req.url === '/api/groups');
      expect(refreshes).toHaveLength(1);
      refreshes.forEach((req) => req.flush(groupsOnServer));
      await settle();
    });
  });
});
