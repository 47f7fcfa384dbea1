import type { AuthResponse, GroupDetail, OwnUser } from '@chat/protocol';
import { ApiClient, ApiResponse, createGroup, joinGroup, publicUser, registerUser, TestUser, uniqueEmail, uniqueGroupName } from '../support/api-client';
import { ConnectedSocket, leaveGroup, sendMessage, SocketPool } from '../support/chat';
import { expectOwnUserShape, expectStatus } from '../support/expect';
import { useServer } from '../support/setup';

/**
 * The contract's privacy rule: a user object shown to anyone but that user
 * is `{id, displayName}`; the email appears only in the caller's own user
 * (sign-up, login, `GET /api/users/me`, `ready.user`). Checked on the raw
 * text that crosses the wire, so no field, nesting or example can leak one.
 */
describe('privacy: nobody sees another user’s email', () => {
  const server = useServer();
  const sockets = new SocketPool(server);
  afterEach(() => sockets.closeAll());

  const enc = encodeURIComponent;
  const emailsOf = (users: TestUser[]) => users.map((user) => user.user.email);

  const leakedEmails = (text: string, users: TestUser[]) => emailsOf(users).filter((email) => text.toLowerCase().includes(email));
  const emailFields = (text: string) => text.split('"email"').length - 1;

  /** No email of `users` in `text`, and no `email` field at all. */
  function expectNoEmail(text: string, users: TestUser[], where: string): void {
    expect({ where, leaked: leakedEmails(text, users), emailFields: emailFields(text) }).toEqual({ where, leaked: [], emailFields: 0 });
  }

  function ok(res: ApiResponse, status = 200): string {
    expectStatus(res, status);
    return res.text;
  }

  describe('REST', () => {
    let alice: TestUser;
    let bob: TestUser;
    let carol: TestUser;
    let everyone: TestUser[];
    beforeAll(async () => {
      [alice, bob, carol] = await Promise.all(['Alice', 'Bob', 'Carol'].map((name) => registerUser(server().baseUrl, `Private${name}`)));
      everyone = [alice, bob, carol];
    });

    it('no answer a user can get about groups, members or messages carries an email, not even their own', async () => {
      const group = uniqueGroupName('private');
      const path = `/api/groups/${enc(group)}`;
      const answers: Array<[string, string]> = [];
      answers.push(['create (the creator’s own createdBy)', ok(await alice.api.post('/api/groups', { name: group }), 201)]);
      answers.push(['join', ok(await bob.api.post(`${path}/members`))]);
      const a = await sockets.connect(alice);
      const b = await sockets.connect(bob);
      await sendMessage(a, group, 'from alice');
      await sendMessage(b, group, 'from bob');

      for (const user of everyone) {
        answers.push([`group list for ${user.user.displayName}`, ok(await user.api.get('/api/groups'))]);
        answers.push([`group detail for ${user.user.displayName}`, ok(await user.api.get(path))]);
      }
      for (const user of [alice, bob]) answers.push([`history for ${user.user.displayName}`, ok(await user.api.get(`${path}/messages`))]);

      for (const [where, text] of answers) expectNoEmail(text, everyone, where);
      // Not vacuous: the answers do name the users, by id and display name.
      const all = answers.map(([, text]) => text).join('\n');
      for (const user of [alice, bob]) expect(all).toContain(JSON.stringify(publicUser(user)));
    });

    it('a member sees the members as {id, displayName, online}; a non-member sees no members and no presence', async () => {
      const group = (await createGroup(alice, uniqueGroupName('members'))).name;
      await joinGroup(bob, group);
      await sockets.connect(bob);
      const path = `/api/groups/${enc(group)}`;

      const asMember = await alice.api.get<GroupDetail>(path);
      expectStatus(asMember, 200);
      expect(asMember.body.members).toEqual([
        { ...publicUser(alice), online: false },
        { ...publicUser(bob), online: true },
      ]);

      const asOutsider = await carol.api.get<GroupDetail>(path);
      expectStatus(asOutsider, 200);
      expect(Object.keys(asOutsider.body)).not.toContain('members');
      expect(asOutsider.text).not.toContain('"online"');
      expect(asOutsider.text).not.toContain(bob.user.id);
      expect(asOutsider.body).toMatchObject({ name: group, createdBy: publicUser(alice), memberCount: 2, joined: false });

      // Leaving makes one an outsider again.
      await leaveGroup(bob, group);
      const afterLeaving = await bob.api.get<GroupDetail>(path);
      expect(afterLeaving.body).toMatchObject({ joined: false, memberCount: 1 });
      expect(Object.keys(afterLeaving.body)).not.toContain('members');
    });

    it('the caller’s own user carries the email: the answers of sign-up, login and GET /api/users/me', async () => {
      const anon = new ApiClient(server().baseUrl);
      const email = uniqueEmail('owner');
      const password = 'correct horse battery';
      const own: Partial<OwnUser> = { email, displayName: 'Owner' };

      const signUp = await anon.post<AuthResponse>('/api/users', { email, password, displayName: 'Owner' });
      expectStatus(signUp, 201);
      expectOwnUserShape(signUp.body.user, own);
      const login = await anon.post<AuthResponse>('/api/auth/login', { email, password });
      expectStatus(login, 200);
      expectOwnUserShape(login.body.user, own);
      const me = await anon.withToken(login.body.token).get<OwnUser>('/api/users/me');
      expectStatus(me, 200);
      expectOwnUserShape(me.body, own);
      // And nobody else's: one email in each.
      for (const res of [signUp, login, me]) expect(res.text.split('@').length - 1).toBe(1);
    });
  });

  describe('WebSocket', () => {
    it('no frame carries another user’s email; ready.user is the receiver’s own user, with it', async () => {
      const [alice, bob, carol] = await Promise.all(['Alice', 'Bob', 'Carol'].map((name) => registerUser(server().baseUrl, `Live${name}`)));
      const everyone = [alice, bob, carol];
      const group = (await createGroup(alice, uniqueGroupName('live'))).name;
      await joinGroup(bob, group);
      const a = await sockets.connect(alice);
      const b = await sockets.connect(bob);
      const c = await sockets.connect(carol);
      const socketOf = new Map<TestUser, ConnectedSocket>([
        [alice, a],
        [bob, b],
        [carol, c],
      ]);

      // Every event that names a user, each seen by someone other than that user.
      await a.next('presence', (p) => p.user.id === bob.user.id && p.online);
      b.send('typing', { group });
      await a.next('typing');
      await sendMessage(a, group, 'hello');
      await b.next('message');
      await joinGroup(carol, group);
      await a.next('member', (m) => m.user.id === carol.user.id && m.joined);
      await b.next('member', (m) => m.user.id === carol.user.id && m.joined);
      const other = (await createGroup(alice, uniqueGroupName('announced'))).name;
      await c.next('group', (g) => g.name === other);
      await leaveGroup(carol, group);
      await a.next('member', (m) => m.user.id === carol.user.id && !m.joined);
      await b.closeAndWait();
      await a.next('presence', (p) => p.user.id === bob.user.id && !p.online);

      for (const [user, socket] of socketOf) {
        const others = everyone.filter((someone) => someone !== user);
        const [readyText, ...rest] = socket.rawHistory;
        const ready = JSON.parse(readyText);
        expect(ready.event).toBe('ready');
        expectOwnUserShape(ready.data.user, { id: user.user.id, email: user.user.email, displayName: user.user.displayName });
        expect({ leaked: leakedEmails(readyText, others), emailFields: emailFields(readyText) }).toEqual({ leaked: [], emailFields: 1 });
        for (const text of rest) expectNoEmail(text, everyone, `${JSON.parse(text).event} for ${user.user.displayName}`);
      }
      const seen = new Set([a, b, c].flatMap((socket) => socket.history.map((frame) => frame.event)));
      for (const event of ['message', 'typing', 'presence', 'member', 'group']) expect(seen).toContain(event);
    });
  });

  it('the OpenAPI document shows users without email, the own user with it, and members as optional', async () => {
    const doc = await (await fetch(`${server().baseUrl}/api/docs-json`)).json();
    const schemas = doc.components.schemas;
    expect(Object.keys(schemas.UserDto.properties).sort()).toEqual(['displayName', 'id']);
    expect(Object.keys(schemas.OwnUserDto.properties).sort()).toEqual(['displayName', 'email', 'id']);
    expect(schemas.AuthResponseDto.properties.user.allOf?.[0]?.$ref ?? schemas.AuthResponseDto.properties.user.$ref).toBe('#/components/schemas/OwnUserDto');
    expect(doc.paths['/api/users/me'].get.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/OwnUserDto');
    expect(schemas.GroupDetailDto.required ?? []).not.toContain('members');
    expect(schemas.GroupDetailDto.properties.members.description).toMatch(/members/i);
    expect(Object.keys(schemas.MemberDto.properties)).not.toContain('email');
  });
});
