import type { ErrorEvent, Message } from '@chat/protocol';
import { WsCloseCode } from '@chat/protocol';
import { createGroup, history, joinGroup, registerUser, TestUser, uniqueGroupName } from './support/api-client';
import { clientMsgId, expectUsable, getGroup, sleep, SocketPool } from './support/chat';
import { expectWsError } from './support/expect';
import { useServer } from './support/setup';
import type { TestSocket } from './support/ws-client';

/**
 * Sends `count` `send` frames at once and collects, for each, the echo or the
 * error that answers it (matched by clientMsgId).
 */
async function burst(socket: TestSocket, group: string, count: number, timeoutMs = 10000) {
  const ids = Array.from({ length: count }, () => clientMsgId('burst'));
  for (const id of ids) socket.send('send', { group, text: `burst ${id}`, clientMsgId: id });
  const accepted: Message[] = [];
  const refused: ErrorEvent[] = [];
  const deadline = Date.now() + timeoutMs;
  while (accepted.length + refused.length < count && Date.now() < deadline) {
    accepted.push(...(await socket.drain('message', 50)).filter((m) => ids.includes(m.clientMsgId)));
    refused.push(...(await socket.drain('error', 0)));
  }
  return { ids, accepted, refused };
}

describe('WebSocket limits: frame size and default rate limit', () => {
  const server = useServer();
  const sockets = new SocketPool(server);
  afterEach(() => sockets.closeAll());

  let alice: TestUser;
  let group: string;
  beforeAll(async () => {
    alice = await registerUser(server().baseUrl, 'Alice');
    group = (await createGroup(alice, uniqueGroupName('limits'))).name;
  });

  it('a frame over 64 KiB closes the connection with 1009 and stores nothing; other connections stay open', async () => {
    const a = await sockets.connect(alice);
    const other = await sockets.connect(alice);
    const before = (await getGroup(alice, group)).lastSeq;
    a.send('send', { group, text: 'x'.repeat(70 * 1024), clientMsgId: clientMsgId() });
    expect((await a.waitForClose(3000)).code).toBe(WsCloseCode.MessageTooBig);
    expect((await getGroup(alice, group)).lastSeq).toBe(before);
    await expectUsable(other, group);
  });

  it('a large frame under 64 KiB is only an error (text too long), not a close', async () => {
    const a = await sockets.connect(alice);
    const id = clientMsgId();
    a.send('send', { group, text: 'x'.repeat(60 * 1024), clientMsgId: id });
    expectWsError(await a.next('error'), 'bad_request', id);
    await expectUsable(a, group);
  });

  it('by default (20 frames/s, bursts of 40) a burst of 40 frames is all accepted', async () => {
    const a = await sockets.connect(alice);
    const { accepted, refused } = await burst(a, group, 40);
    expect(refused).toEqual([]);
    expect(accepted).toHaveLength(40);
  });

  it('by default a burst of 100 frames gets some rate_limited errors', async () => {
    const a = await sockets.connect(alice);
    const { accepted, refused } = await burst(a, group, 100);
    expect(accepted.length + refused.length).toBe(100);
    expect(accepted.length).toBeGreaterThanOrEqual(40);
    expect(accepted.length).toBeLessThan(60);
    for (const e of refused) expect(e.code).toBe('rate_limited');
    expect(a.isOpen).toBe(true);
  });
});

describe('WebSocket limits: WS_RATE_LIMIT=5', () => {
  const server = useServer({ WS_RATE_LIMIT: '5' });
  const sockets = new SocketPool(server);
  afterEach(() => sockets.closeAll());

  let alice: TestUser;
  let group: string;
  beforeAll(async () => {
    alice = await registerUser(server().baseUrl, 'Alice');
    group = (await createGroup(alice, uniqueGroupName('rate'))).name;
  });

  it('30 frames at once: about 10 accepted, the rest refused with rate_limited; the connection stays usable', async () => {
    const a = await sockets.connect(alice);
    const before = (await getGroup(alice, group)).lastSeq;
    const { ids, accepted, refused } = await burst(a, group, 30);

    expect(accepted.length + refused.length).toBe(30);
    expect(accepted.length).toBeGreaterThanOrEqual(10);
    expect(accepted.length).toBeLessThanOrEqual(13);
    for (const e of refused) expectWsError(e, 'rate_limited');
    // The refused ones that name their frame name frames that were not accepted.
    const acceptedIds = new Set(accepted.map((m) => m.clientMsgId));
    for (const e of refused) if (e.clientMsgId !== undefined) expect(ids.includes(e.clientMsgId) && !acceptedIds.has(e.clientMsgId)).toBe(true);
    expect(a.isOpen).toBe(true);

    // Exactly the accepted frames were stored.
    const stored = (await history(alice, group, '?limit=100')).filter((m) => m.seq > before);
    expect(stored.map((m) => m.clientMsgId).sort()).toEqual([...acceptedIds].sort());

    // After a second the budget is back.
    await sleep(1100);
    await expectUsable(a, group);
  });

  it('the limit is per connection: another connection of the same user is not limited by the first', async () => {
    const a1 = await sockets.connect(alice);
    const a2 = await sockets.connect(alice);
    const first = await burst(a1, group, 30);
    expect(first.refused.length).toBeGreaterThan(0);
    const second = await burst(a2, group, 8);
    expect(second.refused).toEqual([]);
    expect(second.accepted).toHaveLength(8);
  });

  it('a steady 4 frames per second is never limited', async () => {
    const a = await sockets.connect(alice);
    await sleep(1100);
    for (let i = 0; i < 8; i++) {
      a.send('typing', { group });
      await sleep(250);
    }
    expect(await a.drain('error', 100)).toEqual([]);
  });
});

describe('WebSocket limits: WS_RATE_LIMIT=0 turns the limit off', () => {
  const server = useServer({ WS_RATE_LIMIT: '0' });
  const sockets = new SocketPool(server);
  afterEach(() => sockets.closeAll());

  it('100 frames at once are all accepted', async () => {
    const alice = await registerUser(server().baseUrl, 'Alice');
    const group = (await createGroup(alice, uniqueGroupName('unlimited'))).name;
    const a = await sockets.connect(alice);
    const { accepted, refused } = await burst(a, group, 100);
    expect(refused).toEqual([]);
    expect(accepted.map((m) => m.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect((await getGroup(alice, group)).lastSeq).toBe(100);
  });
});

describe('WebSocket heartbeat: WS_PING_INTERVAL_MS=300', () => {
  const server = useServer({ WS_PING_INTERVAL_MS: '300' });
  const sockets = new SocketPool(server);
  afterEach(() => sockets.closeAll());

  it('drops a connection that does not answer pings, keeps one that does', async () => {
    const alice = await registerUser(server().baseUrl, 'Alice');
    const url = `${server().wsUrl}?token=${encodeURIComponent(alice.token)}`;
    const silent = await sockets.open(url, { autoPong: false });
    const normal = await sockets.open(url);
    let pings = 0;
    normal.ws.on('ping', () => (pings += 1));
    await Promise.all([silent.next('ready'), normal.next('ready')]);

    const started = Date.now();
    await silent.waitForClose(3000);
    expect(Date.now() - started).toBeLessThan(3000);

    // The normal client stays open over at least the same period, answering pings.
    await sleep(Math.max(0, 3000 - (Date.now() - started)));
    expect(normal.isOpen).toBe(true);
    expect(pings).toBeGreaterThanOrEqual(3);
    const group = (await createGroup(alice, uniqueGroupName('heartbeat'))).name;
    await expectUsable(normal, group);
  });
});

describe('WebSocket limits: a client that stops reading', () => {
  const server = useServer({ WS_RATE_LIMIT: '0' });
  const sockets = new SocketPool(server);
  afterEach(() => sockets.closeAll());

  it('is dropped once its backlog passes the bound (memory stays bounded); the others get everything in order', async () => {
    const [alice, bob] = await Promise.all([registerUser(server().baseUrl, 'Alice'), registerUser(server().baseUrl, 'Bob')]);
    const group = (await createGroup(alice, uniqueGroupName('slow'))).name;
    await joinGroup(bob, group);
    const reader = await sockets.connect(bob);
    const writer = await sockets.connect(alice);
    // Bob's socket stops reading from TCP: what the server writes to it backs up.
    reader.ws.pause();

    const text = 'x'.repeat(3900);
    const batch = 200;
    let sent = 0;
    let dropped = false;
    // At most ~40 MB: kernel buffers on loopback take a few MB before the server's own queue grows.
    while (!dropped && sent < 10_000) {
      for (let i = 0; i < batch; i++) writer.send('send', { group, text: `${sent + i} ${text}`, clientMsgId: clientMsgId('slow') });
      const echoes = await writer.take('message', batch, 20_000);
      expect(echoes.map((m) => m.seq)).toEqual(Array.from({ length: batch }, (_, i) => sent + i + 1));
      sent += batch;
      // The server dropping Bob's only connection is seen by Alice as Bob going offline.
      dropped = (await writer.drain('presence', 0)).some((p) => p.user.id === bob.user.id && !p.online);
    }
    expect(dropped).toBe(true);

    // Bob reads again: what reached his kernel buffer arrives, then the end of a terminated connection.
    reader.ws.resume();
    const closed = await reader.closed;
    expect(closed.code).toBe(1006);
    const got = reader.history.filter((f) => f.event === 'message').length;
    expect(got).toBeLessThan(sent);

    // Alice's connection was never held up: it still works and the history is whole.
    const next = await expectUsable(writer, group);
    expect(next.seq).toBe(sent + 1);
    expect((await getGroup(alice, group)).lastSeq).toBe(sent + 1);
  }, 90_000);
});
