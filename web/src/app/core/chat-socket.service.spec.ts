import { TestBed } from '@angular/core/testing';
import type { Message, OwnUser, ServerEventName, ServerEvents, User } from '@chat/protocol';
import { backoffDelay, ChatSocketService, ConnectionStatus } from './chat-socket.service';
import { WS_URL } from './endpoints';
import { FakeWebSocket } from '../testing/fake-web-socket';

const alice: User = { id: 'u-alice', displayName: 'alice' };
/** Alice as `ready` shows her to herself. */
const aliceOwn: OwnUser = { ...alice, email: 'alice@example.com' };

function message(seq: number): Message {
  return { id: `m-${seq}`, group: 'general', seq, sender: alice, text: 'hi', createdAt: '2024-01-01T00:00:00.000Z', clientMsgId: `c-${seq}` };
}

describe(ChatSocketService.name, () => {
  const originalWebSocket = globalThis.WebSocket;
  let service: ChatSocketService;

  beforeEach(() => {
    jest.useFakeTimers();
    // No jitter: the delays are exactly 500 ms, 1 s, 2 s, ...
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    FakeWebSocket.instances = [];
    (globalThis as { WebSocket: unknown }).WebSocket = FakeWebSocket;
    TestBed.configureTestingModule({ providers: [{ provide: WS_URL, useValue: 'ws://chat.test/ws' }] });
    service = TestBed.inject(ChatSocketService);
  });

  afterEach(() => {
    TestBed.resetTestingModule();
    globalThis.WebSocket = originalWebSocket;
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('starts offline and opens no socket until connect', () => {
    expect(service.status()).toBe('offline');
    expect(FakeWebSocket.instances).toHaveLength(0);
  });

  it('opens the socket with the token, URL-encoded, in the query string', () => {
    service.connect('a b+c/=');
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(FakeWebSocket.last.url).toBe('ws://chat.test/ws?token=a%20b%2Bc%2F%3D');
  });

  it('goes connecting → online → reconnecting → online', () => {
    const seen: ConnectionStatus[] = [];
    const record = () => seen.push(service.status());
    service.connect('t');
    record();
    FakeWebSocket.last.accept();
    record();
    FakeWebSocket.last.serverClose(1006, false);
    record();
    jest.advanceTimersByTime(500);
    record(); // a new socket is being opened: still reconnecting
    FakeWebSocket.last.accept();
    record();
    expect(seen).toEqual(['connecting', 'online', 'reconnecting', 'reconnecting', 'online']);
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  it('reconnects after the backoff delay, not before', () => {
    service.connect('t');
    FakeWebSocket.last.accept();
    FakeWebSocket.last.serverClose(1006, false);
    jest.advanceTimersByTime(499);
    expect(FakeWebSocket.instances).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(FakeWebSocket.instances).toHaveLength(2);
    expect(FakeWebSocket.last.url).toBe('ws://chat.test/ws?token=t');
  });

  it('backs off 0.5 s, 1 s, 2 s while attempts fail, and starts over once a frame arrives', () => {
    service.connect('t');
    const waitFor = (ms: number) => {
      const before = FakeWebSocket.instances.length;
      jest.advanceTimersByTime(ms - 1);
      expect(FakeWebSocket.instances).toHaveLength(before);
      jest.advanceTimersByTime(1);
      expect(FakeWebSocket.instances).toHaveLength(before + 1);
    };
    FakeWebSocket.last.fail();
    waitFor(500);
    FakeWebSocket.last.fail();
    waitFor(1000);
    FakeWebSocket.last.fail();
    waitFor(2000);
    // This one works: the server says ready, then the connection drops again.
    FakeWebSocket.last.accept();
    FakeWebSocket.last.emit('ready', { user: aliceOwn, groups: [] });
    FakeWebSocket.last.serverClose(1006, false);
    waitFor(500);
  });

  it('reconnects after a clean close too (a server restart closes with 1001)', () => {
    service.connect('t');
    FakeWebSocket.last.accept();
    FakeWebSocket.last.serverClose(1001, true);
    expect(service.status()).toBe('reconnecting');
    jest.advanceTimersByTime(500);
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  it('handles error followed by close as one failure: a single reconnect', () => {
    service.connect('t');
    FakeWebSocket.last.fail();
    expect(service.status()).toBe('reconnecting');
    jest.advanceTimersByTime(60_000);
    // One reconnect at 500 ms; that socket never opens, so nothing more happens.
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  it('reconnects at once when the browser comes back online', () => {
    service.connect('t');
    FakeWebSocket.last.accept();
    FakeWebSocket.last.fail();
    window.dispatchEvent(new Event('online'));
    expect(FakeWebSocket.instances).toHaveLength(2);
    FakeWebSocket.last.accept();
    expect(service.status()).toBe('online');
  });

  it('drops the socket when the browser goes offline and tries again', () => {
    service.connect('t');
    const first = FakeWebSocket.last;
    first.accept();
    window.dispatchEvent(new Event('offline'));
    expect(first.closedByClient).toBe(true);
    expect(service.status()).toBe('reconnecting');
    jest.advanceTimersByTime(500);
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  describe('close code 4401', () => {
    it('stops reconnecting, goes offline and emits unauthorized once', () => {
      const unauthorized = jest.fn();
      service.unauthorized.subscribe(unauthorized);
      service.connect('expired');
      FakeWebSocket.last.accept();
      FakeWebSocket.last.serverClose(4401, true);
      expect(service.status()).toBe('offline');
      expect(unauthorized).toHaveBeenCalledTimes(1);
      jest.advanceTimersByTime(120_000);
      window.dispatchEvent(new Event('online'));
      expect(FakeWebSocket.instances).toHaveLength(1);
      expect(service.status()).toBe('offline');
      expect(service.send('typing', { group: 'general' })).toBe(false);
    });

    it('also applies after some reconnects', () => {
      const unauthorized = jest.fn();
      service.unauthorized.subscribe(unauthorized);
      service.connect('t');
      FakeWebSocket.last.fail();
      jest.advanceTimersByTime(500);
      FakeWebSocket.last.accept();
      FakeWebSocket.last.serverClose(4401, true);
      jest.advanceTimersByTime(60_000);
      expect(FakeWebSocket.instances).toHaveLength(2);
      expect(unauthorized).toHaveBeenCalledTimes(1);
    });

    it('lets a later connect (after signing in again) open a socket', () => {
      service.connect('old');
      FakeWebSocket.last.accept();
      FakeWebSocket.last.serverClose(4401, true);
      service.connect('new');
      expect(FakeWebSocket.instances).toHaveLength(2);
      expect(FakeWebSocket.last.url).toBe('ws://chat.test/ws?token=new');
      expect(service.status()).toBe('connecting');
    });
  });

  describe('send', () => {
    it('returns false while not online, and sends nothing', () => {
      expect(service.send('typing', { group: 'general' })).toBe(false); // offline
      service.connect('t');
      expect(service.send('typing', { group: 'general' })).toBe(false); // connecting
      FakeWebSocket.last.accept();
      FakeWebSocket.last.serverClose(1006, false);
      expect(service.send('typing', { group: 'general' })).toBe(false); // reconnecting
      jest.advanceTimersByTime(500);
      expect(service.send('typing', { group: 'general' })).toBe(false); // the new socket is not open yet
      expect(FakeWebSocket.instances.flatMap((socket) => socket.sent)).toEqual([]);
    });

    it('sends {event, data} as JSON when online and returns true', () => {
      service.connect('t');
      FakeWebSocket.last.accept();
      expect(service.send('send', { group: 'general', text: 'hello', clientMsgId: 'c-1' })).toBe(true);
      expect(service.send('read', { group: 'general', seq: 4 })).toBe(true);
      expect(FakeWebSocket.last.sent).toEqual([
        { event: 'send', data: { group: 'general', text: 'hello', clientMsgId: 'c-1' } },
        { event: 'read', data: { group: 'general', seq: 4 } },
      ]);
    });

    it('sends on the new socket after a reconnect', () => {
      service.connect('t');
      FakeWebSocket.last.accept();
      FakeWebSocket.last.serverClose(1006, false);
      jest.advanceTimersByTime(500);
      FakeWebSocket.last.accept();
      expect(service.send('typing', { group: 'general' })).toBe(true);
      expect(FakeWebSocket.instances[0].sent).toEqual([]);
      expect(FakeWebSocket.last.sent).toEqual([{ event: 'typing', data: { group: 'general' } }]);
    });
  });

  describe('on', () => {
    it('delivers only the data of the named event', () => {
      const messages: Message[] = [];
      const reads: unknown[] = [];
      service.on('message').subscribe((data) => messages.push(data));
      service.on('read').subscribe((data) => reads.push(data));
      service.connect('t');
      const socket = FakeWebSocket.last;
      socket.accept();
      socket.emit('ready', { user: aliceOwn, groups: ['general'] });
      socket.emit('message', message(1));
      socket.emit('typing', { group: 'general', user: alice });
      socket.emit('read', { group: 'general', seq: 1 });
      socket.emit('message', message(2));
      expect(messages.map((m) => m.seq)).toEqual([1, 2]);
      expect(reads).toEqual([{ group: 'general', seq: 1 }]);
    });

    it('keeps delivering across reconnects to the same subscribers', () => {
      const seqs: number[] = [];
      service.on('message').subscribe((data) => seqs.push(data.seq));
      service.connect('t');
      FakeWebSocket.last.accept();
      FakeWebSocket.last.emit('message', message(1));
      FakeWebSocket.last.serverClose(1006, false);
      jest.advanceTimersByTime(500);
      FakeWebSocket.last.accept();
      FakeWebSocket.last.emit('message', message(2));
      expect(seqs).toEqual([1, 2]);
    });
  });

  describe('disconnect', () => {
    it('closes the socket, goes offline and does not reconnect', () => {
      service.connect('t');
      const socket = FakeWebSocket.last;
      socket.accept();
      service.disconnect();
      expect(socket.closedByClient).toBe(true);
      expect(service.status()).toBe('offline');
      jest.advanceTimersByTime(60_000);
      expect(FakeWebSocket.instances).toHaveLength(1);
    });

    it('cancels a pending reconnect', () => {
      service.connect('t');
      FakeWebSocket.last.fail();
      service.disconnect();
      jest.advanceTimersByTime(60_000);
      window.dispatchEvent(new Event('online'));
      expect(FakeWebSocket.instances).toHaveLength(1);
      expect(service.status()).toBe('offline');
    });

    it('happens on connect with a new token: one socket at a time', () => {
      service.connect('first');
      const first = FakeWebSocket.last;
      first.accept();
      service.connect('second');
      expect(first.closedByClient).toBe(true);
      expect(FakeWebSocket.instances).toHaveLength(2);
    });

    it('happens when the injector is destroyed', () => {
      service.connect('t');
      const socket = FakeWebSocket.last;
      socket.accept();
      TestBed.resetTestingModule();
      expect(socket.closedByClient).toBe(true);
    });
  });
});

describe(backoffDelay.name, () => {
  const middle = () => 0.5;

  it('doubles from 0.5 s and caps at 10 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((attempt) => backoffDelay(attempt, middle))).toEqual([
      500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000,
    ]);
  });

  it('treats attempt 0 (or less) as the first', () => {
    expect(backoffDelay(0, middle)).toBe(500);
    expect(backoffDelay(-3, middle)).toBe(500);
  });

  it('jitters by ±25 %', () => {
    expect(backoffDelay(1, () => 0)).toBe(375);
    expect(backoffDelay(1, () => 0.999999)).toBe(625);
    expect(backoffDelay(10, () => 0)).toBe(7500);
    expect(backoffDelay(10, () => 0.999999)).toBe(12_500);
  });

  it('uses Math.random by default and stays within bounds', () => {
    for (let i = 0; i < 50; i++) {
      const delay = backoffDelay(3);
      expect(delay).toBeGreaterThanOrEqual(1500);
      expect(delay).toBeLessThanOrEqual(2500);
    }
  });
});
