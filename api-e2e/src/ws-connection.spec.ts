import { readFileSync } from 'node:fs';
import { WsCloseCode } from '@chat/protocol';
import { createGroup, joinGroup, registerUser, TestUser, uniqueGroupName } from './support/api-client';
import { sleep, SocketPool } from './support/chat';
import { expectOwnUserShape } from './support/expect';
import { useServer } from './support/setup';

/** Opening must fail with this HTTP status on the upgrade. */
async function expectRefused(open: Promise<unknown>, status: number) {
  await expect(open).rejects.toMatchObject({ statusCode: status });
}

describe('WebSocket /ws: connecting', () => {
  const server = useServer();
  const sockets = new SocketPool(server);
  afterEach(() => sockets.closeAll());

  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    [alice, bob] = await Promise.all(['Alice', 'Bob'].map((n) => registerUser(server().baseUrl, n)));
  });

  describe('a missing or bad token: accepted, then closed with 4401, no ready', () => {
    it.each([
      ['no query string', () => ''],
      ['no token parameter', () => '?other=1'],
      ['an empty token', () => '?token='],
      ['a garbage token', () => '?token=garbage'],
      ['a JWT-looking garbage token', () => '?token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl'],
      ['a tampered real token', () => `?token=${encodeURIComponent(tamper(alice.token))}`],
      ['a real token in the wrong parameter', () => `?access_token=${encodeURIComponent(alice.token)}`],
    ])('%s', async (_label, query) => {
      const socket = await sockets.open(`${server().wsUrl}${query()}`);
      const closed = await socket.waitForClose(3000);
      expect(closed.code).toBe(WsCloseCode.Unauthorized);
      expect(socket.history.filter((f) => f.event === 'ready')).toEqual([]);
    });
  });

  it('ready {user, groups}: the user and the names of exactly the groups they are a member of', async () => {
    const own = await createGroup(alice, uniqueGroupName('own'));
    const other = await createGroup(bob, uniqueGroupName('other'));
    const joined = await createGroup(bob, uniqueGroupName('joined'));
    await joinGroup(alice, joined.name);

    const socket = await sockets.connect(alice);
    expect(Object.keys(socket.ready).sort()).toEqual(['groups', 'user']);
    expectOwnUserShape(socket.ready.user);
    expect(socket.ready.user).toEqual(alice.user);
    expect([...socket.ready.groups].sort()).toEqual([own.name, joined.name].sort());
    expect(socket.ready.groups).not.toContain(other.name);
    // ready is the first frame.
    expect(socket.history[0].event).toBe('ready');
  });

  it('ready lists no groups for a user in none', async () => {
    const carol = await registerUser(server().baseUrl, 'Carol');
    const socket = await sockets.connect(carol);
    expect(socket.ready).toEqual({ user: carol.user, groups: [] });
  });

  it('several connections of one user each get ready and stay open', async () => {
    const tabs = await Promise.all([sockets.connect(alice), sockets.connect(alice), sockets.connect(alice)]);
    for (const tab of tabs) expect(tab.ready.user).toEqual(alice.user);
    await sleep(200);
    for (const tab of tabs) expect(tab.isOpen).toBe(true);
  });

  describe('Origin check (default: the origin the request was addressed to)', () => {
    const url = () => `${server().wsUrl}?token=${encodeURIComponent(alice.token)}`;

    it('no Origin header (a non-browser client) is allowed', async () => {
      const socket = await sockets.open(url());
      expect((await socket.next('ready')).user).toEqual(alice.user);
    });

    it('Origin equal to http://127.0.0.1:<port> is allowed', async () => {
      const socket = await sockets.open(url(), { origin: `http://127.0.0.1:${server().port}` });
      expect((await socket.next('ready')).user).toEqual(alice.user);
    });

    it.each([
      ['a foreign site', () => 'http://evil.test'],
      ['another host name for the same machine', () => `http://localhost:${server().port}`],
      ['the same host on another port', () => `http://127.0.0.1:${server().port + 1}`],
      ['the same host with another scheme', () => `https://127.0.0.1:${server().port}`],
      ['the literal null origin', () => 'null'],
    ])('%s is refused with HTTP 403, even with a valid token', async (_label, origin) => {
      await expectRefused(sockets.open(url(), { origin: origin() }), 403);
    });

    it('a refused handshake does not stop later connections', async () => {
      await expectRefused(sockets.open(url(), { origin: 'http://evil.test' }), 403);
      const socket = await sockets.connect(alice);
      expect(socket.ready.user).toEqual(alice.user);
    });
  });

  it('the token in the query string is never written to the log', async () => {
    const marker = `garbage-token-${Date.now()}-do-not-log`;
    const bad = await sockets.open(`${server().wsUrl}?token=${marker}`);
    await bad.waitForClose(3000);
    const good = await sockets.connect(alice);
    good.close();
    await good.waitForClose(3000);
    await sleep(500); // let the server flush its log
    const log = readFileSync(server().logFile, 'utf8');
    expect(log.includes(marker)).toBe(false);
    expect(log.includes(alice.token)).toBe(false);
    expect(log.includes(encodeURIComponent(alice.token))).toBe(false);
  });
});

describe('WebSocket /ws with ALLOWED_ORIGINS=http://good.test,https://also-good.test', () => {
  const server = useServer({ ALLOWED_ORIGINS: 'http://good.test,https://also-good.test' });
  const sockets = new SocketPool(server);
  afterEach(() => sockets.closeAll());

  let user: TestUser;
  beforeAll(async () => {
    user = await registerUser(server().baseUrl, 'Origin');
  });
  const url = () => `${server().wsUrl}?token=${encodeURIComponent(user.token)}`;

  it.each(['http://good.test', 'https://also-good.test'])('allows %s', async (origin) => {
    const socket = await sockets.open(url(), { origin });
    expect((await socket.next('ready')).user).toEqual(user.user);
  });

  it.each([
    ['another site', () => 'http://evil.test'],
    ['a listed host with another scheme', () => 'https://good.test'],
    ['a subdomain of a listed origin', () => 'http://sub.good.test'],
    ['the origin the request was addressed to (not listed)', () => `http://127.0.0.1:${server().port}`],
  ])('refuses %s with HTTP 403', async (_label, origin) => {
    await expectRefused(sockets.open(url(), { origin: origin() }), 403);
  });

  it('no Origin header (a non-browser client) is still allowed', async () => {
    const socket = await sockets.open(url());
    expect((await socket.next('ready')).user).toEqual(user.user);
  });

  it('REST: a CORS preflight from a listed origin is allowed, from another origin not', async () => {
    const preflight = (origin: string) =>
      fetch(`${server().baseUrl}/api/groups`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
    const good = await preflight('http://good.test');
    expect(good.status).toBeLessThan(300);
    expect(good.headers.get('access-control-allow-origin')).toBe('http://good.test');

    const evil = await preflight('http://evil.test');
    expect(evil.headers.get('access-control-allow-origin')).not.toBe('http://evil.test');
    expect(evil.headers.get('access-control-allow-origin')).not.toBe('*');
  });
});

function tamper(token: string): string {
  const i = Math.floor(token.length / 2);
  return token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
}
