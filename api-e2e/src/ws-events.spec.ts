import type { Group } from '@chat/protocol';
import { createGroup, joinGroup, publicUser, TestUser, uniqueGroupName } from './support/api-client';
import { clientMsgId, leaveGroup, registerUsers, sendMessage, sleep, SocketPool } from './support/chat';
import { expectGroupShape, expectNestError, expectUserShape } from './support/expect';
import { useServer } from './support/setup';

describe('WebSocket events: typing, presence, member, group, live membership', () => {
  const server = useServer();
  const sockets = new SocketPool(server);
  afterEach(() => sockets.closeAll());

  /** Fresh users per test, so connections of other tests never show up as presence. */
  const users = (count: number, prefix: string) => registerUsers(server().baseUrl, count, prefix);

  async function groupOf(owner: TestUser, ...members: TestUser[]): Promise<string> {
    const name = (await createGroup(owner, uniqueGroupName('events'))).name;
    for (const m of members) await joinGroup(m, name);
    return name;
  }

  describe('typing', () => {
    it('reaches the other members as {group, user}, not the sender and not non-members', async () => {
      const [alice, bob, carol, dave] = await users(4, 'Typer');
      const group = await groupOf(alice, bob, carol);
      const [a, b, c, d] = await Promise.all([alice, bob, carol, dave].map((u) => sockets.connect(u)));

      a.send('typing', { group });
      const seenByBob = await b.next('typing');
      expect(seenByBob).toEqual({ group, user: publicUser(alice) });
      expectUserShape(seenByBob.user);
      expect(await c.next('typing')).toEqual({ group, user: publicUser(alice) });
      expect(await a.drain('typing', 300)).toEqual([]);
      expect(await d.drain('typing', 0)).toEqual([]);
      // Nothing is stored.
      expect(await b.drain('message', 0)).toEqual([]);
    });

    it('a burst of 40 from one user reaches each of a member’s tabs once, and again after 2 s; the sender gets no error', async () => {
      const [alice, bob] = await users(2, 'Burst');
      const group = await groupOf(alice, bob);
      const a = await sockets.connect(alice);
      const tabs = await Promise.all([1, 2, 3].map(() => sockets.connect(bob)));

      const started = Date.now();
      for (let i = 0; i < 40; i++) a.send('typing', { group });
      for (const tab of tabs) expect(await tab.next('typing')).toEqual({ group, user: publicUser(alice) });
      // The 2 s window opened before the first one arrived here.
      const firstSeen = Date.now();
      // One more only if the burst straddled the 2 s window (it takes a few ms).
      for (const tab of tabs) expect((await tab.drain('typing', 300)).length).toBeLessThanOrEqual(Date.now() - started >= 2000 ? 1 : 0);
      expect(await a.drain('error', 0)).toEqual([]);

      await sleep(2000 - (Date.now() - firstSeen) + 50);
      a.send('typing', { group });
      a.send('typing', { group });
      for (const tab of tabs) expect(await tab.next('typing')).toEqual({ group, user: publicUser(alice) });
      for (const tab of tabs) expect(await tab.drain('typing', 300)).toEqual([]);
    });

    it('is coalesced per user and group: other groups and other users are not held back', async () => {
      const [alice, bob] = await users(2, 'PerGroup');
      const [first, second] = [await groupOf(alice, bob), await groupOf(alice, bob)];
      const [a, b] = await Promise.all([sockets.connect(alice), sockets.connect(bob)]);

      a.send('typing', { group: first });
      a.send('typing', { group: first });
      a.send('typing', { group: second });
      b.send('typing', { group: first });
      // Frames are handled concurrently: the two groups' events may come in either order.
      expect(await b.take('typing', 2)).toEqual(
        expect.arrayContaining([
          { group: first, user: publicUser(alice) },
          { group: second, user: publicUser(alice) },
        ]),
      );
      expect(await a.next('typing')).toEqual({ group: first, user: publicUser(bob) });
      expect(await b.drain('typing', 300)).toEqual([]);
    });

    it('a non-member and an unknown group still get an error for every typing frame', async () => {
      const [alice, bob, dave] = await users(3, 'Outsider');
      const group = await groupOf(alice, bob);
      const [b, d] = await Promise.all([sockets.connect(bob), sockets.connect(dave)]);
      for (let i = 0; i < 3; i++) d.send('typing', { group });
      for (let i = 0; i < 3; i++) d.send('typing', { group: `no such group ${Date.now()}` });
      const errors = await d.take('error', 6);
      // Frames are handled concurrently, so the errors may come in any order.
      expect(errors.map((e) => e.code).sort()).toEqual(['forbidden', 'forbidden', 'forbidden', 'not_found', 'not_found', 'not_found']);
      expect(await b.drain('typing', 200)).toEqual([]);
    });
  });

  describe('presence', () => {
    it('first connection opening and last one closing are announced to users who share a group, once', async () => {
      const [alice, bob, dave] = await users(3, 'Presence');
      await groupOf(alice, bob);
      await groupOf(bob, alice); // a second shared group must not double the events
      const b = await sockets.connect(bob);
      const d = await sockets.connect(dave);

      const a1 = await sockets.connect(alice);
      expect(await b.next('presence', (p) => p.user.id === alice.user.id)).toEqual({ user: publicUser(alice), online: true });

      const a2 = await sockets.connect(alice);
      a1.close();
      await a1.waitForClose();
      expect((await b.drain('presence', 500)).filter((p) => p.user.id === alice.user.id)).toEqual([]);

      a2.close();
      await a2.waitForClose();
      expect(await b.next('presence', (p) => p.user.id === alice.user.id)).toEqual({ user: publicUser(alice), online: false });
      expect((await b.drain('presence', 400)).filter((p) => p.user.id === alice.user.id)).toEqual([]);

      // Dave shares no group with Alice and hears nothing about her.
      expect((await d.drain('presence', 0)).filter((p) => p.user.id === alice.user.id)).toEqual([]);
    });

    it('is reflected by `online` in the group members', async () => {
      const [alice, bob] = await users(2, 'Online');
      const group = await groupOf(alice, bob);
      const online = async () => {
        const res = await alice.api.get(`/api/groups/${encodeURIComponent(group)}`);
        return Object.fromEntries(res.body.members.map((m: { id: string; online: boolean }) => [m.id, m.online]));
      };
      expect(await online()).toEqual({ [alice.user.id]: false, [bob.user.id]: false });
      const a = await sockets.connect(alice);
      const b = await sockets.connect(bob);
      await a.next('presence', (p) => p.user.id === bob.user.id && p.online);
      expect(await online()).toEqual({ [alice.user.id]: true, [bob.user.id]: true });
      b.close();
      await a.next('presence', (p) => p.user.id === bob.user.id && !p.online);
      expect(await online()).toEqual({ [alice.user.id]: true, [bob.user.id]: false });
    });
  });

  describe('member', () => {
    it('joining and leaving over REST are announced to the group’s members only', async () => {
      const [alice, bob, carol] = await users(3, 'Member');
      const group = await groupOf(alice);
      const [a, c] = await Promise.all([sockets.connect(alice), sockets.connect(carol)]);

      await joinGroup(bob, group);
      const joined = await a.next('member');
      expect(joined).toEqual({ group, user: publicUser(bob), joined: true });
      expectUserShape(joined.user);

      // Joining again changes nothing and announces nothing.
      await joinGroup(bob, group);
      expect(await a.drain('member', 400)).toEqual([]);

      await leaveGroup(bob, group);
      expect(await a.next('member')).toEqual({ group, user: publicUser(bob), joined: false });

      // Leaving a group one is not in announces nothing.
      await leaveGroup(bob, group);
      expect(await a.drain('member', 400)).toEqual([]);

      expect(await c.drain('member', 0)).toEqual([]);
    });

    it('a failed join (unknown group) announces nothing', async () => {
      const [alice, bob] = await users(2, 'Member2');
      await groupOf(alice);
      const a = await sockets.connect(alice);
      expectNestError(await bob.api.post(`/api/groups/${encodeURIComponent(`ghost ${Date.now()}`)}/members`), 404);
      expect(await a.drain('member', 300)).toEqual([]);
    });
  });

  describe('group', () => {
    it('a new group is announced to every connected user: joined for the creator’s connections, not for others', async () => {
      const [alice, bob] = await users(2, 'Creator');
      const [a1, a2, b] = await Promise.all([sockets.connect(alice), sockets.connect(alice), sockets.connect(bob)]);
      const created = await createGroup(alice, uniqueGroupName('announced'));

      for (const s of [a1, a2]) {
        const event = await s.next('group', (g) => g.name === created.name);
        expectGroupShape(event);
        expect(event).toMatchObject({ name: created.name, createdAt: created.createdAt, createdBy: publicUser(alice), memberCount: 1, joined: true, lastSeq: 0 });
      }
      const forBob: Group = await b.next('group', (g) => g.name === created.name);
      expectGroupShape(forBob);
      expect(forBob).toEqual({ name: created.name, kind: 'group', createdAt: created.createdAt, createdBy: publicUser(alice), memberCount: 1, joined: false, lastSeq: 0, lastRev: 0 });
    });

    it('a refused creation (name taken) announces nothing', async () => {
      const [alice, bob] = await users(2, 'Creator2');
      const created = await createGroup(alice, uniqueGroupName('taken'));
      const b = await sockets.connect(bob);
      expectNestError(await bob.api.post('/api/groups', { name: created.name.toUpperCase() }), 409);
      expect(await b.drain('group', 400)).toEqual([]);
    });
  });

  describe('live membership', () => {
    it('a socket opened before joining over REST receives the group’s messages, and stops after leaving', async () => {
      const [alice, bob] = await users(2, 'Live');
      const group = await groupOf(alice);
      const a = await sockets.connect(alice);
      const b = await sockets.connect(bob);
      expect(b.ready.groups).not.toContain(group);

      await sendMessage(a, group, 'before bob joined');
      expect(await b.drain('message', 300)).toEqual([]);

      await joinGroup(bob, group);
      const live = await sendMessage(a, group, 'bob is in');
      expect(await b.next('message')).toEqual(live);
      a.send('typing', { group });
      expect(await b.next('typing')).toEqual({ group, user: publicUser(alice) });
      // And Bob can send there on the same socket.
      const fromBob = await sendMessage(b, group, 'hi from bob');
      expect(await a.next('message', (m) => m.id === fromBob.id)).toEqual(fromBob);

      await leaveGroup(bob, group);
      await sendMessage(a, group, 'bob has left');
      a.send('typing', { group });
      expect(await b.drain('message', 400)).toEqual([]);
      expect(await b.drain('typing', 0)).toEqual([]);
      // Sending there is now forbidden.
      const id = clientMsgId();
      b.send('send', { group, text: 'let me back', clientMsgId: id });
      expect(await b.next('error')).toMatchObject({ code: 'forbidden', clientMsgId: id });
    });

    it('a group created while connected is live on the creator’s open sockets', async () => {
      const [alice, bob] = await users(2, 'Fresh');
      const a = await sockets.connect(alice);
      const b = await sockets.connect(bob);
      const group = await groupOf(alice, bob);
      const message = await sendMessage(b, group, 'welcome to the new group');
      expect(await a.next('message', (m) => m.id === message.id)).toEqual(message);
    });

    it('a new connection lists groups joined since in ready', async () => {
      const [alice, bob] = await users(2, 'Ready');
      const group = await groupOf(alice);
      const before = await sockets.connect(bob);
      expect(before.ready.groups).not.toContain(group);
      await joinGroup(bob, group);
      const after = await sockets.connect(bob);
      expect(after.ready.groups).toContain(group);
      await leaveGroup(bob, group);
      await sleep(50);
      const later = await sockets.connect(bob);
      expect(later.ready.groups).not.toContain(group);
    });
  });
});
