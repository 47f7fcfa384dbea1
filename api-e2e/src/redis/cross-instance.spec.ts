import type { AuthResponse, Group, Message } from '@chat/protocol';
import { WsCloseCode } from '@chat/protocol';
import { ApiClient, createGroup, joinGroup, publicUser, TestUser, uniqueGroupName } from '../support/api-client';
import { clientMsgId, leaveGroup, registerUsers, sendMessage } from '../support/chat';
import { expectGroupShape, expectMessageShape, expectNestError } from '../support/expect';
import { on, onlineMap, useCluster } from './cluster';

/**
 * Two instances on one PostgreSQL database and one Redis: whatever instance a
 * user's socket is on, the live events are those of a single server.
 */
describe('two instances behind Redis: live events cross instances', () => {
  const cluster = useCluster(2, 'cross');
  const A = () => cluster().servers[0];
  const B = () => cluster().servers[1];
  afterEach(() => cluster().closeSockets());

  /** Fresh users per test (registered on A; tokens work on both), so other tests' presence never shows. */
  const users = (count: number, prefix: string) => registerUsers(A().baseUrl, count, prefix);

  async function groupOf(owner: TestUser, ...members: TestUser[]): Promise<string> {
    const name = (await createGroup(owner, uniqueGroupName('cross'))).name;
    for (const m of members) await joinGroup(m, name);
    return name;
  }

  it('a token from either instance works on the other, over REST and WebSocket', async () => {
    const [alice] = await users(1, 'Token');
    const group = await groupOf(alice);
    expect((await on(alice, B()).api.get('/api/users/me')).body).toEqual(alice.user);
    const b = await cluster().connect(B(), alice);
    expect(b.ready).toEqual({ user: alice.user, groups: [group] });
  });

  describe('messages', () => {
    it('are echoed to the sender and delivered to members on the other instance, exactly once, in seq order', async () => {
      const [alice, bob, carol, dave] = await users(4, 'Chat');
      const group = await groupOf(alice, bob, carol);
      const c = cluster();
      const a = await c.connect(A(), alice);
      const aOnB = await c.connect(B(), alice); // alice's second tab, on the other instance
      const b = await c.connect(B(), bob);
      const cA = await c.connect(A(), carol); // a member on the sender's instance
      const d = await c.connect(B(), dave); // not a member

      const first = await sendMessage(a, group, 'hello from A');
      expectMessageShape(first);
      expect(first).toMatchObject({ group, seq: 1, sender: publicUser(alice), text: 'hello from A' });
      expect(await b.next('message')).toEqual(first);
      expect(await cA.next('message')).toEqual(first);
      expect(await aOnB.next('message')).toEqual(first);

      const second = await sendMessage(b, group, 'hello from B');
      expect(second).toMatchObject({ group, seq: 2, sender: publicUser(bob), text: 'hello from B' });
      expect(await a.next('message')).toEqual(second);
      expect(await aOnB.next('message')).toEqual(second);
      expect(await cA.next('message')).toEqual(second);

      // A third from alice's tab on B reaches her tab on A as well as the others.
      const third = await sendMessage(aOnB, group, 'from the other tab');
      expect(third.seq).toBe(3);
      for (const s of [a, b, cA]) expect(await s.next('message')).toEqual(third);

      // Exactly once: no copy arrives later through the other path (local and Redis).
      for (const s of [a, aOnB, b, cA]) expect(await s.drain('message', 500)).toEqual([]);
      expect(await d.drain('message', 0)).toEqual([]);
      for (const s of [a, aOnB, b, cA]) {
        expect(s.history.filter((f) => f.event === 'message').map((f) => (f.data as Message).seq)).toEqual([1, 2, 3]);
      }

      // Both instances serve the same stored history.
      const fromA = (await alice.api.get<Message[]>(`/api/groups/${encodeURIComponent(group)}/messages`)).body;
      const fromB = (await on(bob, B()).api.get<Message[]>(`/api/groups/${encodeURIComponent(group)}/messages`)).body;
      expect(fromA).toEqual([first, second, third]);
      expect(fromB).toEqual(fromA);
    });

    it('a repeated clientMsgId sent on the other instance stores nothing new and echoes the stored message to the sender only', async () => {
      const [alice, bob] = await users(2, 'Dedup');
      const group = await groupOf(alice, bob);
      const c = cluster();
      const a = await c.connect(A(), alice);
      const aOnB = await c.connect(B(), alice);
      const b = await c.connect(B(), bob);

      const id = clientMsgId('dup');
      const stored = await sendMessage(a, group, 'once', id);
      expect(await b.next('message')).toEqual(stored);
      expect(await aOnB.next('message')).toEqual(stored);

      const again = await sendMessage(aOnB, group, 'once', id);
      expect(again).toEqual(stored);
      expect(await b.drain('message', 500)).toEqual([]);
      expect(await a.drain('message', 0)).toEqual([]);
      expect((await on(bob, B()).api.get<Message[]>(`/api/groups/${encodeURIComponent(group)}/messages`)).body).toEqual([stored]);
    });
  });

  describe('typing', () => {
    it('reaches the other members on the other instance, not the sender and not non-members', async () => {
      const [alice, bob, carol, dave] = await users(4, 'Typer');
      const group = await groupOf(alice, bob, carol);
      const c = cluster();
      const a = await c.connect(A(), alice);
      const b = await c.connect(B(), bob);
      const cA = await c.connect(A(), carol);
      const d = await c.connect(B(), dave);

      a.send('typing', { group });
      expect(await b.next('typing')).toEqual({ group, user: publicUser(alice) });
      expect(await cA.next('typing')).toEqual({ group, user: publicUser(alice) });

      b.send('typing', { group });
      expect(await a.next('typing')).toEqual({ group, user: publicUser(bob) });
      expect(await cA.next('typing')).toEqual({ group, user: publicUser(bob) });

      expect(await a.drain('typing', 400)).toEqual([]);
      expect(await b.drain('typing', 0)).toEqual([]);
      expect(await cA.drain('typing', 0)).toEqual([]);
      expect(await d.drain('typing', 0)).toEqual([]);
      // Nothing is stored.
      expect(await b.drain('message', 0)).toEqual([]);
    });
  });

  describe('presence', () => {
    it("counts a user's connections across instances: online with the first anywhere, offline with the last anywhere, announced once", async () => {
      const [alice, bob, carol, dave] = await users(4, 'Presence');
      const group = await groupOf(alice, bob, carol);
      await groupOf(bob, alice); // a second shared group must not double the events
      const c = cluster();
      const b = await c.connect(B(), bob); // a co-member on the other instance
      const cA = await c.connect(A(), carol); // a co-member on the same instance
      const d = await c.connect(B(), dave); // shares no group
      expect((await onlineMap(bob, A(), group))[alice.user.id]).toBe(false);

      const a1 = await c.connect(A(), alice);
      expect(await b.next('presence', (p) => p.user.id === alice.user.id)).toEqual({ user: publicUser(alice), online: true });
      expect(await cA.next('presence', (p) => p.user.id === alice.user.id)).toEqual({ user: publicUser(alice), online: true });
      // Both instances agree once the event was seen.
      expect((await onlineMap(bob, B(), group))[alice.user.id]).toBe(true);
      expect((await onlineMap(bob, A(), group))[alice.user.id]).toBe(true);

      // A second connection, on the other instance, is not a "first" one.
      const a2 = await c.connect(B(), alice);
      expect((await b.drain('presence', 500)).filter((p) => p.user.id === alice.user.id)).toEqual([]);

      // Closing the first (on A) while the one on B stays open is not a "last" one.
      await a1.closeAndWait();
      expect((await b.drain('presence', 500)).filter((p) => p.user.id === alice.user.id)).toEqual([]);
      expect((await onlineMap(bob, A(), group))[alice.user.id]).toBe(true);
      expect((await onlineMap(bob, B(), group))[alice.user.id]).toBe(true);

      // Closing the last one, wherever it is, is announced on both instances.
      await a2.closeAndWait();
      expect(await b.next('presence', (p) => p.user.id === alice.user.id)).toEqual({ user: publicUser(alice), online: false });
      expect(await cA.next('presence', (p) => p.user.id === alice.user.id)).toEqual({ user: publicUser(alice), online: false });
      expect((await onlineMap(bob, A(), group))[alice.user.id]).toBe(false);
      expect((await onlineMap(bob, B(), group))[alice.user.id]).toBe(false);

      expect((await b.drain('presence', 400)).filter((p) => p.user.id === alice.user.id)).toEqual([]);
      expect((await cA.drain('presence', 0)).filter((p) => p.user.id === alice.user.id)).toEqual([]);
      expect((await d.drain('presence', 0)).filter((p) => p.user.id === alice.user.id)).toEqual([]);
    });
  });

  describe('membership over REST', () => {
    it('a REST join on A makes a socket already open on B receive the group’s messages; a leave on A stops them', async () => {
      const [alice, bob] = await users(2, 'Live');
      const group = await groupOf(alice);
      const c = cluster();
      const a = await c.connect(A(), alice);
      const b = await c.connect(B(), bob);
      expect(b.ready.groups).not.toContain(group);

      await joinGroup(bob, group); // over REST, on A
      expect(await a.next('member')).toEqual({ group, user: publicUser(bob), joined: true });

      // Sent right after the join answered: bob is a member, so his open socket on B gets it.
      const m1 = await sendMessage(a, group, 'welcome bob');
      expect(await b.next('message', (m) => m.group === group)).toEqual(m1);
      a.send('typing', { group });
      expect(await b.next('typing')).toEqual({ group, user: publicUser(alice) });
      // And bob can send on B at once.
      const m2 = await sendMessage(b, group, 'thanks');
      expect(await a.next('message')).toEqual(m2);

      await leaveGroup(bob, group); // over REST, on A
      expect(await a.next('member')).toEqual({ group, user: publicUser(bob), joined: false });
      const m3 = await sendMessage(a, group, 'bob has left');
      expect(m3.seq).toBe(3);
      expect((await b.drain('message', 500)).filter((m) => m.group === group)).toEqual([]);
      b.send('send', { group, text: 'not a member', clientMsgId: clientMsgId('gone') });
      expect((await b.next('error')).code).toBe('forbidden');
    });

    it('a group created on A is announced to sockets on B', async () => {
      const [alice, bob] = await users(2, 'Creator');
      const c = cluster();
      const aOnB = await c.connect(B(), alice);
      const b = await c.connect(B(), bob);
      const created = await createGroup(alice, uniqueGroupName('announced')); // over REST, on A

      const forAlice = await aOnB.next('group', (g) => g.name === created.name);
      expectGroupShape(forAlice);
      expect(forAlice).toMatchObject({ name: created.name, createdBy: publicUser(alice), memberCount: 1, joined: true, lastSeq: 0 });
      const forBob: Group = await b.next('group', (g) => g.name === created.name);
      expect(forBob).toEqual({ name: created.name, kind: 'group', createdAt: created.createdAt, createdBy: publicUser(alice), memberCount: 1, joined: false, lastSeq: 0, lastRev: 0 });

      // alice's socket on B is subscribed to the group she created on A.
      const bobOnB = on(bob, B());
      await joinGroup(bobOnB, created.name);
      const m = await sendMessage(b, created.name, 'hi creator');
      expect(await aOnB.next('message', (x) => x.group === created.name)).toEqual(m);
    });
  });

  describe('read markers', () => {
    it("a read on one instance reaches the user's tab on the other instance", async () => {
      const [alice, bob] = await users(2, 'Reader');
      const group = await groupOf(alice, bob);
      const c = cluster();
      const b = await c.connect(A(), bob);
      for (let i = 1; i <= 3; i++) await sendMessage(b, group, `m${i}`);
      const tabA = await c.connect(A(), alice);
      const tabB = await c.connect(B(), alice);

      tabA.send('read', { group, seq: 2 });
      expect(await tabB.next('read')).toEqual({ group, seq: 2 });
      expect(await tabA.drain('read', 400)).toEqual([]);
      tabB.send('read', { group, seq: 3 });
      expect(await tabA.next('read')).toEqual({ group, seq: 3 });
      expect(await tabB.drain('read', 400)).toEqual([]);
      expect(await b.drain('read', 0)).toEqual([]);
    });
  });

  describe('logout', () => {
    it("logout on A closes the token's sockets on both instances with 4401, not those of the user's other session", async () => {
      const [wendy] = await users(1, 'Wendy');
      const group = await groupOf(wendy);
      const login = await new ApiClient(B().baseUrl).post<AuthResponse>('/api/auth/login', { email: wendy.user.email, password: wendy.password });
      expect(login.status).toBe(200);
      const c = cluster();
      const onB = await c.connect(B(), wendy);
      const onA = await c.connect(A(), wendy);
      const otherSessionOnB = await c.connect(B(), { token: login.body.token });

      expect((await wendy.api.post('/api/auth/logout')).status).toBe(204); // on A
      expect((await onB.waitForClose(3000)).code).toBe(WsCloseCode.Unauthorized);
      expect((await onA.waitForClose(3000)).code).toBe(WsCloseCode.Unauthorized);

      // The token is refused everywhere, REST and WebSocket.
      expectNestError(await on(wendy, B()).api.get('/api/users/me'), 401);
      const late = await c.open(`${B().wsUrl}?token=${encodeURIComponent(wendy.token)}`);
      expect((await late.waitForClose(3000)).code).toBe(WsCloseCode.Unauthorized);
      expect(late.history.filter((f) => f.event === 'ready')).toEqual([]);

      // The other session still works on B.
      expect(otherSessionOnB.isOpen).toBe(true);
      const echoed = await sendMessage(otherSessionOnB, group, 'still here');
      expect(echoed.sender).toEqual(publicUser(wendy));
    });
  });
});
