import { randomUUID } from 'node:crypto';
import type { Dm } from '@chat/protocol';
import { ApiClient, createGroup, joinGroup, publicUser, TestUser, uniqueGroupName } from '../support/api-client';
import { getGroup, leaveGroup, sendMessage } from '../support/chat';
import { DMS_PATH, dmNames, expectDmShape, listDms, membersOf2, openDm, opened, useDms } from '../support/dms';
import { expectNestError, expectStatus } from '../support/expect';

/** `POST /api/dms {userId}`: a conversation of exactly two people, one per pair. */
describe('direct messages: POST /api/dms', () => {
  const { server, sockets, people, friends } = useDms();

  it('201 a new dm, the caller’s view: kind dm, both people (the opener first, no email), memberCount 2, joined, every count 0', async () => {
    const { users } = await friends(2, 'Open');
    const [alice, bob] = users;
    const before = Date.now();
    const res = await openDm(alice, bob);
    expectStatus(res, 201);
    expectDmShape(res.body);
    expect(res.body).toEqual({
      name: expect.stringMatching(/^@/),
      kind: 'dm',
      createdAt: expect.any(String),
      createdBy: publicUser(alice),
      memberCount: 2,
      joined: true,
      lastSeq: 0,
      lastRev: 0,
      readSeq: 0,
      unread: 0,
      mentionUnread: 0,
      members: membersOf2(alice, bob),
    });
    for (const u of users) expect(res.text).not.toContain(u.user.email);
    const createdAt = Date.parse(res.body.createdAt);
    expect(createdAt).toBeGreaterThanOrEqual(before - 5000);
    expect(createdAt).toBeLessThanOrEqual(Date.now() + 5000);
  });

  it('the name is outside the group-name grammar: no group can be created with it', async () => {
    const { users } = await friends(2, 'Grammar');
    const [alice, bob] = users;
    const dm = await opened(alice, bob, 201);
    expectNestError(await alice.api.post('/api/groups', { name: dm.name }), 400);
    expect(await dmNames(alice)).toEqual([dm.name]);
    // The same letters without the `@` are a valid group name: a group apart from the dm.
    const twin = await createGroup(bob, dm.name.slice(1));
    expect(twin).toMatchObject({ name: dm.name.slice(1), kind: 'group', memberCount: 1 });
    expect(await getGroup(alice, dm.name)).toMatchObject({ name: dm.name, kind: 'dm', memberCount: 2 });
    expect(await getGroup(alice, twin.name)).toMatchObject({ name: twin.name, kind: 'group', memberCount: 1, joined: false });
  });

  it('200 on a repeat, from either side: the same dm, its members still the opener first', async () => {
    const { users } = await friends(2, 'Repeat');
    const [alice, bob] = users;
    const first = await opened(alice, bob, 201);
    const again = await opened(alice, bob, 200);
    expect(again).toEqual(first);
    const fromBob = await opened(bob, alice, 200);
    expect(fromBob).toEqual({ ...first, members: membersOf2(alice, bob), createdBy: publicUser(alice) });
    expect(await dmNames(alice)).toEqual([first.name]);
    expect(await dmNames(bob)).toEqual([first.name]);
  });

  it('one dm per pair: each pair of three people has a dm of its own', async () => {
    const { users } = await friends(3, 'Pairs');
    const [alice, bob, carol] = users;
    const ab = await opened(alice, bob, 201);
    const ac = await opened(alice, carol, 201);
    const cb = await opened(carol, bob, 201);
    expect(new Set([ab.name, ac.name, cb.name]).size).toBe(3);
    expect(ac.members).toEqual(membersOf2(alice, carol));
    expect(cb.members).toEqual(membersOf2(carol, bob));
    expect((await opened(bob, carol, 200)).name).toBe(cb.name);
    expect((await opened(carol, alice, 200)).name).toBe(ac.name);
  });

  describe('400: yourself, or a bad body; nothing is created', () => {
    // One pair for the table (hashing is slow); each case compares with what was there before it.
    let pair: TestUser[] = [];
    beforeAll(async () => {
      pair = (await friends(2, 'Bad')).users;
    });

    it.each<[string, (self: string, other: string) => unknown]>([
      ['yourself', (self) => ({ userId: self })],
      ['no userId', () => ({})],
      ['userId a number', () => ({ userId: 42 })],
      ['userId null', () => ({ userId: null })],
      ['userId true', () => ({ userId: true })],
      ['userId an array', (_self, other) => ({ userId: [other] })],
      ['userId an object', (_self, other) => ({ userId: { id: other } })],
      ['userId empty', () => ({ userId: '' })],
      ['userId over 100 characters', () => ({ userId: 'u'.repeat(101) })],
      ['an unknown field beside a good userId', (_self, other) => ({ userId: other, group: 'general' })],
      ['an unknown field beside an unknown user', () => ({ userId: 'nobody-at-all', extra: 1 })],
      ['a field named after an Object.prototype member', (_self, other) => ({ userId: other, toString: 'x' })],
    ])('%s', async (_label, body) => {
      const [alice, bob] = pair;
      const before = [await dmNames(alice), await dmNames(bob)];
      expectNestError(await openDm(alice, bob, body(alice.user.id, bob.user.id)), 400);
      expect([await dmNames(alice), await dmNames(bob)]).toEqual(before);
    });

    it('no body at all, and a body that is not JSON', async () => {
      const [alice] = await people(1, 'NoBody');
      expectNestError(await alice.api.post(DMS_PATH), 400);
      expectNestError(await alice.api.request('POST', DMS_PATH, '{"userId": ', { 'content-type': 'application/json' }), 400);
      expect(await dmNames(alice)).toEqual([]);
    });
  });

  describe('404: no such user', () => {
    let loner: TestUser | undefined;
    beforeAll(async () => {
      [loner] = (await friends(1, 'Ghost')).users;
    });

    it.each<[string, () => string]>([
      ['a uuid nobody has', () => randomUUID()],
      ['a string that is not a uuid', () => 'nobody'],
      ['digits', () => '12345'],
      ['100 characters', () => 'n'.repeat(100)],
      ['a path-like string', () => '../users/me'],
      ['quotes and a semicolon', () => "x'; DROP TABLE users; --"],
    ])('%s', async (_label, userId) => {
      const alice = loner as TestUser;
      const before = await dmNames(alice);
      expectNestError(await openDm(alice, userId()), 404);
      expect(await dmNames(alice)).toEqual(before);
    });

    it('ids are compared exactly: another user’s id in upper case is no one’s id (404), and opens nothing', async () => {
      const { users } = await friends(2, 'Case');
      const [alice, bob] = users;
      expect(bob.user.id.toUpperCase()).not.toBe(bob.user.id); // the test needs an id with letters
      expectNestError(await openDm(alice, bob.user.id.toUpperCase()), 404);
      expect(await dmNames(alice)).toEqual([]);
      expect(await dmNames(bob)).toEqual([]);
    });

    it('one’s own id in upper case, by a member of a group, is no one’s id (404), and opens nothing, least of all a dm with oneself', async () => {
      const { users } = await friends(1, 'OwnCase');
      const [alice] = users;
      expect(alice.user.id.toUpperCase()).not.toBe(alice.user.id);
      // Ids are compared exactly, in memory and on PostgreSQL: the upper-cased string is no user's id.
      expectNestError(await openDm(alice, alice.user.id.toUpperCase()), 404);
      expect(await dmNames(alice)).toEqual([]);
    });
  });

  describe('403: the two share no group (now)', () => {
    it('strangers: 403, nothing created; a common acquaintance does not count', async () => {
      const [alice, dave] = await people(2, 'Stranger');
      expectNestError(await openDm(alice, dave), 403);
      expectNestError(await openDm(dave, alice), 403);
      // Carol shares a group with each of them, but they share none with each other.
      const [carol] = await people(1, 'Middle');
      await joinGroup(alice, (await createGroup(carol, uniqueGroupName('carol-alice'))).name);
      await joinGroup(dave, (await createGroup(carol, uniqueGroupName('carol-dave'))).name);
      expectNestError(await openDm(alice, dave), 403);
      expect(await dmNames(alice)).toEqual([]);
      expect(await dmNames(dave)).toEqual([]);
      // Yet each may open one with Carol.
      await opened(alice, carol, 201);
      await opened(dave, carol, 201);
    });

    it('sharing must be current: once one of them left the group, 403; once both did, 403; after joining again, 201', async () => {
      const { users, group } = await friends(2, 'Former');
      const [alice, bob] = users;
      await leaveGroup(bob, group);
      expectNestError(await openDm(alice, bob), 403);
      expectNestError(await openDm(bob, alice), 403);
      await leaveGroup(alice, group);
      expectNestError(await openDm(alice, bob), 403);
      expect(await dmNames(alice)).toEqual([]);
      expect(await dmNames(bob)).toEqual([]);
      await joinGroup(alice, group);
      await joinGroup(bob, group);
      const dm = await opened(bob, alice, 201);
      expect(dm.members).toEqual(membersOf2(bob, alice));
    });

    it('an existing dm is 200 even after the two stop sharing a group, from both sides', async () => {
      const { users, group } = await friends(2, 'Apart');
      const [alice, bob] = users;
      const dm = await opened(alice, bob, 201);
      await leaveGroup(alice, group);
      await leaveGroup(bob, group);
      expect(await opened(alice, bob, 200)).toEqual(dm);
      expect((await opened(bob, alice, 200)).name).toBe(dm.name);
      // And it still works as a conversation.
      const [a, b] = await Promise.all([sockets.connect(alice), sockets.connect(bob)]);
      const message = await sendMessage(a, dm.name, 'still here');
      expect(await b.next('message')).toEqual(message);
    });
  });

  it('401 without a token or with a bad one, on POST and GET', async () => {
    const { users } = await friends(2, 'Anon');
    const [, bob] = users;
    const anon = new ApiClient(server().baseUrl);
    const bad = new ApiClient(server().baseUrl, 'not-a-token');
    expectNestError(await anon.post(DMS_PATH, { userId: bob.user.id }), 401);
    expectNestError(await bad.post(DMS_PATH, { userId: bob.user.id }), 401);
    expectNestError(await anon.get(DMS_PATH), 401);
    expectNestError(await bad.get(DMS_PATH), 401);
    expect(await listDms(bob)).toEqual([]);
  });

  it('a refused open announces nothing: the next `dm` event each socket gets is that of the next dm opened', async () => {
    const { users, group } = await friends(3, 'Quiet');
    const [alice, bob, carol] = users;
    const [a, b] = await Promise.all([sockets.connect(alice), sockets.connect(bob)]);
    expectNestError(await openDm(alice, alice), 400);
    expectNestError(await openDm(alice, bob, { userId: bob.user.id, x: 1 }), 400);
    expectNestError(await openDm(alice, randomUUID()), 404);
    await leaveGroup(bob, group);
    expectNestError(await openDm(alice, bob), 403);
    await joinGroup(bob, group);
    // Carol opens one with each: the events for those are the first `dm` events either socket sees.
    const withAlice = await opened(carol, alice, 201);
    const withBob = await opened(carol, bob, 201);
    expect(await a.next('dm')).toEqual(withAlice);
    expect(await b.next('dm')).toEqual(withBob);
    expect(a.history.filter((f) => f.event === 'dm').length).toBe(1);
    expect(b.history.filter((f) => f.event === 'dm').length).toBe(1);
  });

  it('answers with the caller’s view: the other one’s repeat shows their own counts', async () => {
    const { users } = await friends(2, 'View');
    const [alice, bob] = users;
    const dm = await opened(alice, bob, 201);
    const a = await sockets.connect(alice);
    await sendMessage(a, dm.name, 'one');
    await sendMessage(a, dm.name, 'two');
    const mine: Dm = await opened(alice, bob, 200);
    const theirs: Dm = await opened(bob, alice, 200);
    expect(mine).toMatchObject({ lastSeq: 2, lastRev: 2, readSeq: 2, unread: 0, mentionUnread: 0 });
    expect(theirs).toMatchObject({ lastSeq: 2, lastRev: 2, readSeq: 0, unread: 2, mentionUnread: 0 });
    expect({ ...theirs, readSeq: 2, unread: 0 }).toEqual(mine);
  });
});
