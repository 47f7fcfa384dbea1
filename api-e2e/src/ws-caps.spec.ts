import { WsCloseCode } from '@chat/protocol';
import { createGroup, registerUser, TestUser, uniqueGroupName } from './support/api-client';
import { expectUsable, SocketPool } from './support/chat';
import { sample, scrapeMetrics } from './support/metrics';
import { useServer } from './support/setup';
import type { RunningServer } from './support/server';
import type { TestSocket } from './support/ws-client';

/** What a freshly opened socket got first: `ready`, or a close before it. */
async function outcome(socket: TestSocket): Promise<'ready' | number> {
  return Promise.race([socket.next('ready').then(() => 'ready' as const), socket.closed.then((c) => c.code)]);
}

/** Polls the server's gauge until it counts `count` open sockets: a close is seen by the client before the server. */
async function waitForOpenSockets(server: RunningServer, count: number, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = sample(await scrapeMetrics(server.baseUrl), 'chat_ws_connections_open');
    if (open === count) return;
    if (Date.now() > deadline) throw new Error(`the server counts ${open} open sockets, not ${count}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('WebSocket cap per user: WS_MAX_CONNECTIONS_PER_USER=3', () => {
  const server = useServer({ WS_MAX_CONNECTIONS_PER_USER: '3' });
  const sockets = new SocketPool(server);
  afterEach(() => sockets.closeAll());

  let alice: TestUser;
  let bob: TestUser;
  let group: string;
  beforeAll(async () => {
    [alice, bob] = await Promise.all([registerUser(server().baseUrl, 'Alice'), registerUser(server().baseUrl, 'Bob')]);
    group = (await createGroup(alice, uniqueGroupName('cap'))).name;
  });
  const url = (user: TestUser) => `${server().wsUrl}?token=${encodeURIComponent(user.token)}`;

  it('the 4th socket is closed with 4429 and gets no ready; the 3 others stay open and work; another user is unaffected', async () => {
    const open = [await sockets.connect(alice), await sockets.connect(alice), await sockets.connect(alice)];

    const extra = await sockets.open(url(alice));
    expect(await extra.waitForClose()).toEqual({ code: WsCloseCode.TooManyConnections, reason: expect.any(String) });
    expect(extra.history).toEqual([]);

    for (const socket of open) await expectUsable(socket, group);
    const ofBob = [await sockets.connect(bob), await sockets.connect(bob), await sockets.connect(bob)];
    expect(ofBob.every((socket) => socket.isOpen)).toBe(true);
  });

  it('once one of them closes, a new socket is accepted, and the cap holds again after it', async () => {
    await waitForOpenSockets(server(), 0);
    const [first, second, third] = [await sockets.connect(alice), await sockets.connect(alice), await sockets.connect(alice)];
    await first.closeAndWait();
    await waitForOpenSockets(server(), 2);

    const replacement = await sockets.connect(alice);
    await expectUsable(replacement, group);
    expect((await (await sockets.open(url(alice))).waitForClose()).code).toBe(WsCloseCode.TooManyConnections);
    expect(second.isOpen && third.isOpen).toBe(true);
  });

  it('handshakes at once cannot overshoot: of 6 opened together, exactly 3 get ready', async () => {
    await waitForOpenSockets(server(), 0);
    const opened = await Promise.all(Array.from({ length: 6 }, () => sockets.open(url(alice))));
    const outcomes = await Promise.all(opened.map(outcome));
    expect(outcomes.filter((o) => o === 'ready')).toHaveLength(3);
    expect(outcomes.filter((o) => o === WsCloseCode.TooManyConnections)).toHaveLength(3);
  });
});

describe('WebSocket cap per user: the default is 20', () => {
  const server = useServer();
  const sockets = new SocketPool(server);
  afterEach(() => sockets.closeAll());

  it('21 sockets of one token opened at once: exactly 20 get ready, one is closed with 4429', async () => {
    const alice = await registerUser(server().baseUrl, 'Alice');
    const group = (await createGroup(alice, uniqueGroupName('cap20'))).name;
    const url = `${server().wsUrl}?token=${encodeURIComponent(alice.token)}`;
    const opened = await Promise.all(Array.from({ length: 21 }, () => sockets.open(url)));
    const outcomes = await Promise.all(opened.map(outcome));

    expect(outcomes.filter((o) => o === 'ready')).toHaveLength(20);
    expect(outcomes.filter((o) => o !== 'ready')).toEqual([WsCloseCode.TooManyConnections]);
    const accepted = opened.filter((_, i) => outcomes[i] === 'ready');
    expect(accepted.every((socket) => socket.isOpen)).toBe(true);
    await expectUsable(accepted[0], group);
    // Every accepted socket gets the echo's fan-out: none was dropped to make room.
    for (const socket of accepted.slice(1)) await socket.next('message');
  });
});
