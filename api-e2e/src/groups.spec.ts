import type { Group, GroupDetail } from '@chat/protocol';
import { ApiClient, createGroup, joinGroup, publicUser, registerUser, TestUser, uniqueGroupName } from './support/api-client';
import { getGroup, listGroups, membersOf, SocketPool } from './support/chat';
import { expectGroupShape, expectIsoDate, expectNestError, expectStatus } from './support/expect';
import { useServer } from './support/setup';

const enc = encodeURIComponent;

describe('groups: REST', () => {
  const server = useServer();
  const sockets = new SocketPool(server);
  afterEach(() => sockets.closeAll());

  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  beforeAll(async () => {
    [alice, bob, carol] = await Promise.all(['Alice', 'Bob', 'Carol'].map((n) => registerUser(server().baseUrl, n)));
  });

  /** A short unique suffix: group names are at most 50 code points. */
  let n = 0;
  const tag = () => `${Date.now().toString(36)}${(n += 1)}`;

  async function expectNoGroup(name: string) {
    expectNestError(await alice.api.get(`/api/groups/${enc(name)}`), 404);
    const all = await listGroups(alice);
    expect(all.filter((g) => g.name.toLowerCase() === name.trim().toLowerCase())).toEqual([]);
  }

  describe('POST /api/groups', () => {
    it('201 group; the creator is its first member', async () => {
      const name = uniqueGroupName('created');
      const before = Date.now();
      const res = await alice.api.post<Group>('/api/groups', { name });
      expectStatus(res, 201);
      expectGroupShape(res.body);
      expect(res.body).toEqual({
        name,
        kind: 'group',
        createdAt: expect.any(String),
        createdBy: publicUser(alice),
        memberCount: 1,
        joined: true,
        lastSeq: 0,
        lastRev: 0,
        readSeq: 0,
        unread: 0,
        mentionUnread: 0,
      });
      const createdAt = Date.parse(res.body.createdAt);
      expect(createdAt).toBeGreaterThanOrEqual(before - 5000);
      expect(createdAt).toBeLessThanOrEqual(Date.now() + 5000);

      const detail = await getGroup(alice, name);
      expect(membersOf(detail).map((m) => m.id)).toEqual([alice.user.id]);
    });

    it('trims the name', async () => {
      const name = `Trim me ${tag()}`;
      const res = await alice.api.post<Group>('/api/groups', { name: `  ${name}\t ` });
      expectStatus(res, 201);
      expect(res.body.name).toBe(name);
      expectStatus(await alice.api.get(`/api/groups/${enc(name)}`), 200);
    });

    it.each([
      ['letters with accents and spaces', () => `Café du Coin ${tag()}`],
      ['non-Latin letters', () => `日本語${tag()}`],
      ['digits first and - _ .', () => `9lives r2-d2_fans.v1 ${tag()}`],
      ['exactly 50 characters', () => `g${tag()}`.padEnd(50, 'x')],
      ['exactly 50 astral letters (100 UTF-16 units)', () => tag().padEnd(10, 'z').slice(0, 10) + '𝒜'.repeat(40)],
    ])('accepts %s', async (_label, makeName) => {
      const name = makeName();
      const res = await alice.api.post<Group>('/api/groups', { name });
      expectStatus(res, 201);
      expect(res.body.name).toBe(name);
      const detail = await alice.api.get<GroupDetail>(`/api/groups/${enc(name)}`);
      expectStatus(detail, 200);
      expect(detail.body.name).toBe(name);
    });

    it.each([
      ['an empty object', () => ({})],
      ['a name that is a number', () => ({ name: 12345 })],
      ['a name that is null', () => ({ name: null })],
      ['a name that is an array', () => ({ name: ['general'] })],
      ['an empty name', () => ({ name: '' })],
      ['a space-only name', () => ({ name: '   ' })],
      ['a name starting with -', () => ({ name: `-dash${tag()}` })],
      ['a name starting with _', () => ({ name: `_under${tag()}` })],
      ['a name starting with .', () => ({ name: `.dot${tag()}` })],
      ['a name with ;', () => ({ name: `semi;colon${tag()}` })],
      ['a name with /', () => ({ name: `slash/name${tag()}` })],
      ['a name with a tab inside', () => ({ name: `tab\tname${tag()}` })],
      ['a name with a newline inside', () => ({ name: `new\nline${tag()}` })],
      ['a name with an emoji', () => ({ name: `emoji😀${tag()}` })],
      ['a name of 51 characters', () => ({ name: `g${tag()}`.padEnd(51, 'x') })],
      ['a name of 51 astral letters', () => ({ name: '𝒜'.repeat(41) + tag().padEnd(10, 'z').slice(0, 10) })],
      ['an unknown field', () => ({ name: `extra${tag()}`, private: true })],
    ])('400 for %s, and no group is created', async (_label, makeBody) => {
      const body = makeBody() as { name?: unknown };
      const res = await alice.api.post('/api/groups', body);
      expectNestError(res, 400);
      if (typeof body.name === 'string' && body.name.trim() !== '' && !body.name.includes('/')) await expectNoGroup(body.name);
    });

    it('400 for a body that is not JSON', async () => {
      const res = await alice.api.request('POST', '/api/groups', '{"name": nope}', { 'content-type': 'application/json' });
      expectNestError(res, 400);
    });

    it('413 for a body over 16 KiB', async () => {
      expectNestError(await alice.api.post('/api/groups', { name: 'x'.repeat(17 * 1024) }), 413);
    });

    it('409 when the name is taken, regardless of case and surrounding spaces; the group is unchanged', async () => {
      const name = `Taken Name ${tag()}`;
      await createGroup(alice, name);
      for (const variant of [name, name.toUpperCase(), name.toLowerCase(), `  ${name}  `]) {
        expectNestError(await bob.api.post('/api/groups', { name: variant }), 409);
      }
      const detail = await getGroup(bob, name);
      expect(detail.name).toBe(name);
      expect(detail.createdBy).toEqual(publicUser(alice));
      expect(detail.memberCount).toBe(1);
      expect(detail.joined).toBe(false);
      expect((await listGroups(bob)).filter((g) => g.name.toLowerCase() === name.toLowerCase())).toHaveLength(1);
    });

    it('409 for a name differing only in the case of non-ASCII letters', async () => {
      const name = `Ärger Élan ${tag()}`;
      await createGroup(alice, name);
      expectNestError(await bob.api.post('/api/groups', { name: name.toLowerCase() }), 409);
    });

    it('401 without a valid token, and no group is created', async () => {
      const name = `anon ${tag()}`;
      expectNestError(await new ApiClient(server().baseUrl).post('/api/groups', { name }), 401);
      expectNestError(await new ApiClient(server().baseUrl, 'garbage').post('/api/groups', { name }), 401);
      await expectNoGroup(name);
    });
  });

  describe('GET /api/groups', () => {
    it('lists every group, each with `joined` for the caller, readSeq/unread only for members', async () => {
      const mine = await createGroup(alice, `mine ${tag()}`);
      const theirs = await createGroup(bob, `theirs ${tag()}`);
      const shared = await createGroup(bob, `shared ${tag()}`);
      await joinGroup(alice, shared.name);

      const list = await listGroups(alice);
      for (const g of list) expectGroupShape(g);
      const byName = new Map(list.map((g) => [g.name, g]));
      expect(byName.get(mine.name)).toMatchObject({ joined: true, memberCount: 1, createdBy: publicUser(alice), readSeq: 0, unread: 0 });
      expect(byName.get(theirs.name)).toMatchObject({ joined: false, memberCount: 1, createdBy: publicUser(bob), lastSeq: 0 });
      expect(byName.get(theirs.name)).not.toHaveProperty('readSeq');
      expect(byName.get(theirs.name)).not.toHaveProperty('unread');
      expect(byName.get(shared.name)).toMatchObject({ joined: true, memberCount: 2, createdBy: publicUser(bob) });

      // Carol, a member of nothing, sees the same groups, none joined.
      const carolList = await listGroups(carol);
      expect(carolList.map((g) => g.name).sort()).toEqual(list.map((g) => g.name).sort());
      for (const g of carolList) expect(g.joined).toBe(false);
    });

    it('401 without a valid token', async () => {
      expectNestError(await new ApiClient(server().baseUrl).get('/api/groups'), 401);
      expectNestError(await new ApiClient(server().baseUrl, 'garbage').get('/api/groups'), 401);
    });
  });

  describe('GET /api/groups/:name', () => {
    it('200 group; a member also gets the members (users without email, plus `online`), a non-member does not', async () => {
      const group = await createGroup(alice, `detail ${tag()}`);
      await joinGroup(bob, group.name);
      const socket = await sockets.connect(bob);
      expect(socket.isOpen).toBe(true);

      const res = await alice.api.get<GroupDetail>(`/api/groups/${enc(group.name)}`);
      expectStatus(res, 200);
      expectGroupShape(res.body, { detail: true });
      expect(res.body).toMatchObject({ name: group.name, createdBy: publicUser(alice), memberCount: 2, joined: true, lastSeq: 0, readSeq: 0, unread: 0 });
      const members = [...membersOf(res.body)].sort((a, b) => (a.id === alice.user.id ? -1 : b.id === alice.user.id ? 1 : 0));
      expect(members).toEqual([
        { ...publicUser(alice), online: false },
        { ...publicUser(bob), online: true },
      ]);

      const asOutsider = await carol.api.get<GroupDetail>(`/api/groups/${enc(group.name)}`);
      expectStatus(asOutsider, 200);
      expectGroupShape(asOutsider.body, { detail: true });
      expect(asOutsider.body).toEqual({ name: group.name, kind: 'group', createdAt: group.createdAt, createdBy: publicUser(alice), memberCount: 2, joined: false, lastSeq: 0, lastRev: 0 });
    });

    it('works with URL-encoded names with spaces and non-ASCII letters, case-insensitively', async () => {
      const name = `Café Ünïcødé ${tag()}`;
      await createGroup(alice, name);
      for (const variant of [name, name.toUpperCase(), name.toLowerCase()]) {
        const res = await bob.api.get<GroupDetail>(`/api/groups/${enc(variant)}`);
        expectStatus(res, 200);
        expect(res.body.name).toBe(name);
      }
    });

    it('404 for an unknown group', async () => {
      expectNestError(await alice.api.get(`/api/groups/${enc(`no such group ${tag()}`)}`), 404);
    });

    it('401 without a valid token', async () => {
      const group = await createGroup(alice, `private ${tag()}`);
      expectNestError(await new ApiClient(server().baseUrl).get(`/api/groups/${enc(group.name)}`), 401);
    });
  });

  describe('POST /api/groups/:name/members (join)', () => {
    it('200 group; the caller is a member; joining twice is not an error and changes nothing', async () => {
      const group = await createGroup(alice, `join ${tag()}`);
      const first = await bob.api.post<Group>(`/api/groups/${enc(group.name)}/members`);
      expectStatus(first, 200);
      expectGroupShape(first.body);
      expect(first.body).toMatchObject({ name: group.name, joined: true, memberCount: 2, readSeq: 0, unread: 0 });

      const second = await bob.api.post<Group>(`/api/groups/${enc(group.name)}/members`);
      expectStatus(second, 200);
      expect(second.body).toMatchObject({ name: group.name, joined: true, memberCount: 2 });

      const detail = await getGroup(alice, group.name);
      expect(detail.memberCount).toBe(2);
      expect(membersOf(detail).map((m) => m.id).sort()).toEqual([alice.user.id, bob.user.id].sort());
      const bobsView = (await listGroups(bob)).find((g) => g.name === group.name);
      expect(bobsView).toMatchObject({ joined: true, memberCount: 2 });
    });

    it('joins by a differently-cased, URL-encoded name', async () => {
      // (No ß here: its upper case is SS, a different name.)
      const name = `Grüne Wiese ${tag()}`;
      await createGroup(alice, name);
      const res = await bob.api.post<Group>(`/api/groups/${enc(name.toUpperCase())}/members`);
      expectStatus(res, 200);
      expect(res.body.name).toBe(name);
      expect(res.body.joined).toBe(true);
    });

    it('400 for a body with unknown fields (the route takes none), and the caller does not join', async () => {
      const group = await createGroup(alice, `join body ${tag()}`);
      expectNestError(await bob.api.post(`/api/groups/${enc(group.name)}/members`, { role: 'admin' }), 400);
      expect(await getGroup(bob, group.name)).toMatchObject({ joined: false, memberCount: 1 });
    });

    it('404 for an unknown group, 401 without a token', async () => {
      expectNestError(await bob.api.post(`/api/groups/${enc(`ghost ${tag()}`)}/members`), 404);
      const group = await createGroup(alice, `tokenless ${tag()}`);
      expectNestError(await new ApiClient(server().baseUrl).post(`/api/groups/${enc(group.name)}/members`), 401);
      expect((await getGroup(alice, group.name)).memberCount).toBe(1);
    });
  });

  describe('DELETE /api/groups/:name/members/me (leave)', () => {
    it('204; the caller is no longer a member', async () => {
      const group = await createGroup(alice, `leave ${tag()}`);
      await joinGroup(bob, group.name);
      const res = await bob.api.delete(`/api/groups/${enc(group.name)}/members/me`);
      expect(res.status).toBe(204);
      expect(res.body).toBeUndefined();

      const bobsView = await getGroup(bob, group.name);
      expect(bobsView).toMatchObject({ joined: false, memberCount: 1 });
      expect(bobsView).not.toHaveProperty('readSeq');
      expect(bobsView).not.toHaveProperty('members');
      expect((await getGroup(alice, group.name)).members?.map((m) => m.id)).toEqual([alice.user.id]);
      expectNestError(await bob.api.get(`/api/groups/${enc(group.name)}/messages`), 403);
    });

    it('204 when the caller is not a member (nothing changes)', async () => {
      const group = await createGroup(alice, `not in ${tag()}`);
      const res = await carol.api.delete(`/api/groups/${enc(group.name)}/members/me`);
      expect(res.status).toBe(204);
      expect((await getGroup(alice, group.name)).memberCount).toBe(1);
    });

    it('can join again after leaving', async () => {
      const group = await createGroup(alice, `rejoin ${tag()}`);
      await joinGroup(bob, group.name);
      expect((await bob.api.delete(`/api/groups/${enc(group.name)}/members/me`)).status).toBe(204);
      const again = await joinGroup(bob, group.name);
      expect(again).toMatchObject({ joined: true, memberCount: 2 });
    });

    it('404 for an unknown group, 401 without a token', async () => {
      expectNestError(await bob.api.delete(`/api/groups/${enc(`ghost ${tag()}`)}/members/me`), 404);
      const group = await createGroup(alice, `tokenless leave ${tag()}`);
      expectNestError(await new ApiClient(server().baseUrl).delete(`/api/groups/${enc(group.name)}/members/me`), 401);
      expect((await getGroup(alice, group.name)).memberCount).toBe(1);
    });
  });

  describe('a name in a path longer than any group name (over 50 code points)', () => {
    const huge = () => `${tag()} ${'x'.repeat(15 * 1024)}`;

    it('is 404 on every group route, with Nest’s error shape', async () => {
      for (const name of [huge(), 'a'.repeat(51), '𝐀'.repeat(51)]) {
        const path = `/api/groups/${enc(name)}`;
        expectNestError(await alice.api.get(path), 404);
        expectNestError(await alice.api.post(`${path}/members`), 404);
        expectNestError(await alice.api.delete(`${path}/members/me`), 404);
        expectNestError(await alice.api.get(`${path}/messages`), 404);
      }
    });

    it('a name of exactly 50 code points (100 UTF-16 units) is still found', async () => {
      const suffix = tag();
      const name = `${'𝐀'.repeat(50 - suffix.length)}${suffix}`;
      expect([...name]).toHaveLength(50);
      await createGroup(alice, name);
      expect((await getGroup(bob, name)).name).toBe(name);
    });

    it('in a frame, send, typing and read are bad_request (invalid data), and the socket stays open', async () => {
      const socket = await sockets.connect(alice);
      const group = huge();
      socket.send('send', { group, text: 'hi', clientMsgId: 'long-name' });
      expect(await socket.next('error')).toMatchObject({ code: 'bad_request', clientMsgId: 'long-name' });
      socket.send('typing', { group });
      expect((await socket.next('error')).code).toBe('bad_request');
      socket.send('read', { group, seq: 1 });
      expect((await socket.next('error')).code).toBe('bad_request');
      expect(socket.isOpen).toBe(true);
    });
  });

  it('createdAt is an ISO-8601 string in the list and the detail', async () => {
    const group = await createGroup(alice, `iso ${tag()}`);
    expectIsoDate(group.createdAt);
    expect((await getGroup(alice, group.name)).createdAt).toBe(group.createdAt);
  });
});
