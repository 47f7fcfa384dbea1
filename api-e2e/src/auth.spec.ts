import type { AuthResponse, OwnUser } from '@chat/protocol';
import { WsCloseCode } from '@chat/protocol';
import { ApiClient, registerUser, TestUser, uniqueEmail } from './support/api-client';
import { SocketPool } from './support/chat';
import { expectNestError, expectOwnUserShape, expectRetryLater, expectStatus } from './support/expect';
import { useServer } from './support/setup';

describe('auth: login and logout', () => {
  const server = useServer();
  const sockets = new SocketPool(server);
  const anon = () => new ApiClient(server().baseUrl);
  afterEach(() => sockets.closeAll());

  const login = (body: unknown) => anon().post<AuthResponse>('/api/auth/login', body);

  describe('POST /api/auth/login', () => {
    let user: TestUser;
    beforeAll(async () => {
      user = await registerUser(server().baseUrl, 'Lena');
    });

    it('200 {user, token} with the right password; the new token works', async () => {
      const res = await login({ email: user.user.email, password: user.password });
      expectStatus(res, 200);
      expect(Object.keys(res.body).sort()).toEqual(['token', 'user']);
      expectOwnUserShape(res.body.user);
      expect(res.body.user).toEqual(user.user);
      const me = await anon().withToken(res.body.token).get<OwnUser>('/api/users/me');
      expectStatus(me, 200);
      expect(me.body).toEqual(user.user);
    });

    it('trims and lower-cases the email it is given', async () => {
      const res = await login({ email: `  ${user.user.email.toUpperCase()}  `, password: user.password });
      expectStatus(res, 200);
      expect(res.body.user).toEqual(user.user);
    });

    it('each login is a separate session: the registration token keeps working', async () => {
      const res = await login({ email: user.user.email, password: user.password });
      expectStatus(res, 200);
      expectStatus(await user.api.get('/api/users/me'), 200);
      expectStatus(await anon().withToken(res.body.token).get('/api/users/me'), 200);
    });

    it('401 for a wrong password and for an unknown email, with the same body', async () => {
      const wrongPassword = await login({ email: user.user.email, password: 'wrong password!' });
      const unknownEmail = await login({ email: uniqueEmail('nobody'), password: 'wrong password!' });
      expectNestError(wrongPassword, 401);
      expectNestError(unknownEmail, 401);
      expect(unknownEmail.body).toEqual(wrongPassword.body);
    });

    it('401 for a password that differs only in case', async () => {
      expectNestError(await login({ email: user.user.email, password: user.password.toUpperCase() }), 401);
    });

    it.each([
      ['an empty object', () => ({})],
      ['a missing password', () => ({ email: 'someone@x.test' })],
      ['a missing email', () => ({ password: 'correct horse battery' })],
      ['an email that is a number', () => ({ email: 42, password: 'correct horse battery' })],
      ['a password that is a number', () => ({ email: 'someone@x.test', password: 12345678 })],
      ['a password that is null', () => ({ email: 'someone@x.test', password: null })],
      ['an unknown field', () => ({ email: 'someone@x.test', password: 'correct horse battery', remember: true })],
    ])('400 for %s', async (_label, body) => {
      expectNestError(await login(body()), 400);
    });

    it('400 for an unknown field even with the right credentials', async () => {
      expectNestError(await login({ email: user.user.email, password: user.password, remember: true }), 400);
    });

    it('400 for a body that is not JSON', async () => {
      const res = await anon().request('POST', '/api/auth/login', '{"email":', { 'content-type': 'application/json' });
      expectNestError(res, 400);
    });

    it('413 for a body over 16 KiB', async () => {
      expectNestError(await login({ email: user.user.email, password: 'x'.repeat(17 * 1024) }), 413);
    });
  });

  describe('login throttling per email from one address (5 failures)', () => {
    it('429 after 5 failures, also for the right password; other emails are not affected', async () => {
      const [victim, bystander] = await Promise.all([registerUser(server().baseUrl, 'Victim'), registerUser(server().baseUrl, 'Bystander')]);
      for (let i = 1; i <= 5; i++) {
        expectNestError(await login({ email: victim.user.email, password: `wrong password ${i}` }), 401);
      }
      const throttled = await login({ email: victim.user.email, password: 'wrong password 6' });
      expectNestError(throttled, 429);
      const rightPassword = await login({ email: victim.user.email, password: victim.password });
      expectNestError(rightPassword, 429);
      // The same email in another spelling is the same email.
      expectNestError(await login({ email: ` ${victim.user.email.toUpperCase()} `, password: victim.password }), 429);

      // Another account from the same address still logs in.
      expectStatus(await login({ email: bystander.user.email, password: bystander.password }), 200);
      // Existing sessions of the throttled user are untouched.
      expectStatus(await victim.api.get('/api/users/me'), 200);
    });

    it('an unknown email is throttled the same way (no hint that the account does not exist)', async () => {
      const email = uniqueEmail('ghost');
      for (let i = 1; i <= 5; i++) expectNestError(await login({ email, password: `wrong password ${i}` }), 401);
      expectNestError(await login({ email, password: 'wrong password 6' }), 429);
    });
  });

  describe('POST /api/auth/logout', () => {
    it('204 with no body; afterwards the token gets 401 everywhere on REST', async () => {
      const user = await registerUser(server().baseUrl, 'Leo');
      const res = await user.api.post('/api/auth/logout');
      expect(res.status).toBe(204);
      expect(res.body).toBeUndefined();

      expectNestError(await user.api.get('/api/users/me'), 401);
      expectNestError(await user.api.get('/api/groups'), 401);
      expectNestError(await user.api.post('/api/groups', { name: `after-logout-${Date.now()}` }), 401);
      expectNestError(await user.api.post('/api/auth/logout'), 401);
      // The account itself still works: a new login gives a new, working token.
      const again = await login({ email: user.user.email, password: user.password });
      expectStatus(again, 200);
      expect(again.body.token).not.toBe(user.token);
      expectStatus(await anon().withToken(again.body.token).get('/api/users/me'), 200);
    });

    it('revokes only that token: another session of the same user keeps working', async () => {
      const user = await registerUser(server().baseUrl, 'Two');
      const second = await login({ email: user.user.email, password: user.password });
      expectStatus(second, 200);
      expect((await user.api.post('/api/auth/logout')).status).toBe(204);
      expectStatus(await anon().withToken(second.body.token).get('/api/users/me'), 200);
    });

    it('400 for a body with unknown fields (the route takes none); the token stays valid', async () => {
      const user = await registerUser(server().baseUrl, 'Body');
      expectNestError(await user.api.post('/api/auth/logout', { everywhere: true }), 400);
      expectStatus(await user.api.get('/api/users/me'), 200);
    });

    it('401 without a token or with a garbage one', async () => {
      expectNestError(await anon().post('/api/auth/logout'), 401);
      expectNestError(await anon().withToken('garbage').post('/api/auth/logout'), 401);
    });

    it("closes the token's open WebSockets with 4401, not those of the user's other sessions", async () => {
      const user = await registerUser(server().baseUrl, 'Wendy');
      const other = await login({ email: user.user.email, password: user.password });
      const tab1 = await sockets.connect(user);
      const tab2 = await sockets.connect(user);
      const otherSession = await sockets.connect({ token: other.body.token });

      expect((await user.api.post('/api/auth/logout')).status).toBe(204);
      expect((await tab1.waitForClose(3000)).code).toBe(WsCloseCode.Unauthorized);
      expect((await tab2.waitForClose(3000)).code).toBe(WsCloseCode.Unauthorized);

      await new Promise((r) => setTimeout(r, 300));
      expect(otherSession.isOpen).toBe(true);
    });

    it('a WebSocket opened with a logged-out token is closed with 4401 and gets no ready', async () => {
      const user = await registerUser(server().baseUrl, 'Late');
      expect((await user.api.post('/api/auth/logout')).status).toBe(204);
      const socket = await sockets.open(`${server().wsUrl}?token=${encodeURIComponent(user.token)}`);
      expect((await socket.waitForClose(3000)).code).toBe(WsCloseCode.Unauthorized);
      expect(socket.history.filter((f) => f.event === 'ready')).toEqual([]);
    });
  });
});

describe('auth: login throttling per address (LOGIN_MAX_FAILURES_PER_ADDRESS=3)', () => {
  const server = useServer({ LOGIN_MAX_FAILURES_PER_ADDRESS: '3' });
  const login = (body: unknown) => new ApiClient(server().baseUrl).post('/api/auth/login', body);

  it('after 3 failures with different emails, every login from the address gets 429', async () => {
    const user = await registerUser(server().baseUrl, 'Addr');
    for (let i = 1; i <= 3; i++) {
      expectNestError(await login({ email: uniqueEmail(`try${i}`), password: 'wrong password' }), 401);
    }
    expectNestError(await login({ email: uniqueEmail('try4'), password: 'wrong password' }), 429);
    // Even the right password of a real account, never tried before.
    expectNestError(await login({ email: user.user.email, password: user.password }), 429);
    // Tokens already issued are not affected.
    expectStatus(await user.api.get('/api/users/me'), 200);
  });
});

describe('auth: login throttling per email is configurable (LOGIN_MAX_FAILURES_PER_EMAIL=2)', () => {
  const server = useServer({ LOGIN_MAX_FAILURES_PER_EMAIL: '2' });
  const login = (body: unknown) => new ApiClient(server().baseUrl).post('/api/auth/login', body);

  it('the third try after 2 failures gets 429, with the 429 Nest body', async () => {
    const user = await registerUser(server().baseUrl, 'Two');
    expectNestError(await login({ email: user.user.email, password: 'wrong password 1' }), 401);
    expectNestError(await login({ email: user.user.email, password: 'wrong password 2' }), 401);
    const res = await login({ email: user.user.email, password: user.password });
    expectNestError(res, 429);
    expect(res.body.statusCode).toBe(429);
  });
});

describe('auth: login throttling a stranger cannot turn against the owner (TRUST_PROXY=1)', () => {
  const server = useServer({ TRUST_PROXY: '1', LOGIN_MAX_FAILURES_PER_EMAIL: '6' });
  const loginFrom = (address: string, body: unknown) => new ApiClient(server().baseUrl).request('POST', '/api/auth/login', body, { 'x-forwarded-for': address });

  it("failures from another address do not lock the owner out of theirs; past 5 that address is refused, the right password too", async () => {
    const owner = await registerUser(server().baseUrl, 'Owner');
    for (let i = 1; i <= 5; i++) expectNestError(await loginFrom('203.0.113.66', { email: owner.user.email, password: `wrong password ${i}` }), 401);
    expectRetryLater(await loginFrom('203.0.113.66', { email: owner.user.email, password: 'wrong password 6' }), 429, 900);
    expectRetryLater(await loginFrom('203.0.113.66', { email: owner.user.email, password: owner.password }), 429, 900);

    expectStatus(await loginFrom('198.51.100.7', { email: owner.user.email, password: owner.password }), 200);
  });

  it('refused tries count for nothing: repeating them from one address does not reach the limit over all addresses', async () => {
    const owner = await registerUser(server().baseUrl, 'Patient');
    for (let i = 1; i <= 5; i++) expectNestError(await loginFrom('203.0.113.70', { email: owner.user.email, password: `wrong password ${i}` }), 401);
    for (let i = 0; i < 20; i++) expectNestError(await loginFrom('203.0.113.70', { email: owner.user.email, password: 'wrong password' }), 429);
    expectStatus(await loginFrom('198.51.100.8', { email: owner.user.email, password: owner.password }), 200);
  });

  it('guessing spread over addresses stops at LOGIN_MAX_FAILURES_PER_EMAIL (6) failures in all, from every address', async () => {
    const owner = await registerUser(server().baseUrl, 'Targeted');
    for (const address of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
      for (let i = 1; i <= 2; i++) expectNestError(await loginFrom(address, { email: owner.user.email, password: `wrong password ${i}` }), 401);
    }
    expectRetryLater(await loginFrom('203.0.113.4', { email: owner.user.email, password: 'wrong password' }), 429, 900);
    expectRetryLater(await loginFrom('198.51.100.9', { email: owner.user.email, password: owner.password }), 429, 900);
    // Sessions already open are not touched.
    expectStatus(await owner.api.get('/api/users/me'), 200);
  });
});
