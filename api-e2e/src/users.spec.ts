import type { AuthResponse, OwnUser } from '@chat/protocol';
import { ApiClient, registerUser, uniqueEmail } from './support/api-client';
import { expectNestError, expectStatus, expectOwnUserShape } from './support/expect';
import { useServer } from './support/setup';

const PASSWORD = 'correct horse battery';
const EMOJI = '😀'; // one code point, two UTF-16 units

/** A valid address of exactly `length` characters (198 + x for x >= 1), unique per call. */
function emailOfLength(length: number): string {
  const local = `u${Math.random().toString(36).slice(2, 10)}`.padEnd(64, 'a');
  const domain = `${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(length - 198)}.test`;
  const email = `${local}@${domain}`;
  expect(email.length).toBe(length);
  return email;
}

describe('users: POST /api/users, GET /api/users/me', () => {
  const server = useServer();
  const anon = () => new ApiClient(server().baseUrl);

  /** After a refused registration, the same email must still be free. */
  async function expectEmailFree(email: string) {
    const res = await anon().post('/api/users', { email, password: PASSWORD });
    expectStatus(res, 201);
  }

  describe('registration', () => {
    it('answers 201 {user, token}; the token authenticates GET /api/users/me', async () => {
      const email = uniqueEmail('fresh');
      const res = await anon().post<AuthResponse>('/api/users', { email, password: PASSWORD, displayName: 'Fresh Person' });
      expectStatus(res, 201);
      expect(Object.keys(res.body).sort()).toEqual(['token', 'user']);
      expectOwnUserShape(res.body.user, { email, displayName: 'Fresh Person' });
      expect(typeof res.body.token).toBe('string');
      expect(res.body.token.length).toBeGreaterThan(0);

      const me = await anon().withToken(res.body.token).get<OwnUser>('/api/users/me');
      expectStatus(me, 200);
      expectOwnUserShape(me.body);
      expect(me.body).toEqual(res.body.user);
    });

    it('trims and lower-cases the email, and defaults displayName to the part before @', async () => {
      const local = `Mixed.Case-${Date.now().toString(36)}`;
      const res = await anon().post<AuthResponse>('/api/users', { email: `  ${local}@Example.TEST \t`, password: PASSWORD });
      expectStatus(res, 201);
      expect(res.body.user.email).toBe(`${local.toLowerCase()}@example.test`);
      expect(res.body.user.displayName).toBe(local.toLowerCase());
    });

    it('trims displayName', async () => {
      const res = await anon().post<AuthResponse>('/api/users', { email: uniqueEmail(), password: PASSWORD, displayName: '  Ann Smith  ' });
      expectStatus(res, 201);
      expect(res.body.user.displayName).toBe('Ann Smith');
    });

    it('gives every user a distinct id and token', async () => {
      const [a, b] = await Promise.all([registerUser(server().baseUrl, 'Ida'), registerUser(server().baseUrl, 'Ida')]);
      expect(a.user.id).not.toBe(b.user.id);
      expect(a.token).not.toBe(b.token);
    });

    it.each([
      ['an email of exactly 254 characters', () => ({ email: emailOfLength(254), password: PASSWORD })],
      ['a password of 8 characters', () => ({ email: uniqueEmail(), password: 'x'.repeat(8) })],
      ['a password of 128 characters', () => ({ email: uniqueEmail(), password: 'x'.repeat(128) })],
      ['a password of 8 astral code points', () => ({ email: uniqueEmail(), password: EMOJI.repeat(8) })],
      ['a password of 128 astral code points (256 UTF-16 units)', () => ({ email: uniqueEmail(), password: EMOJI.repeat(128) })],
      ['a displayName of 50 characters', () => ({ email: uniqueEmail(), password: PASSWORD, displayName: 'n'.repeat(50) })],
      ['a displayName of 50 astral code points', () => ({ email: uniqueEmail(), password: PASSWORD, displayName: EMOJI.repeat(50) })],
    ])('accepts %s, and that password logs in', async (_label, makeBody) => {
      const body: { email: string; password: string; displayName?: string } = makeBody();
      const res = await anon().post<AuthResponse>('/api/users', body);
      expectStatus(res, 201);
      expect(res.body.user.email).toBe(body.email.toLowerCase());
      if (body.displayName) expect(res.body.user.displayName).toBe(body.displayName);
      const login = await anon().post('/api/auth/login', { email: body.email, password: body.password });
      expectStatus(login, 200);
    });

    describe('400 for invalid input, and nothing is stored', () => {
      const cases: Array<[string, (email: string) => unknown]> = [
        ['an empty object', () => ({})],
        ['a missing email', () => ({ password: PASSWORD })],
        ['a missing password', (email) => ({ email })],
        ['an email that is a number', () => ({ email: 12345, password: PASSWORD })],
        ['an email that is null', () => ({ email: null, password: PASSWORD })],
        ['a password that is a number', (email) => ({ email, password: 123456789 })],
        ['a password that is an array', (email) => ({ email, password: ['correct horse battery'] })],
        ['a displayName that is a number', (email) => ({ email, password: PASSWORD, displayName: 42 })],
        ['an email that is not an address', () => ({ email: 'not-an-email', password: PASSWORD })],
        ['an email without a domain', () => ({ email: 'someone@', password: PASSWORD })],
        ['an empty email', () => ({ email: '', password: PASSWORD })],
        ['an email of 255 characters', () => ({ email: emailOfLength(255), password: PASSWORD })],
        ['a password of 7 characters', (email) => ({ email, password: 'x'.repeat(7) })],
        ['a password of 7 astral code points (14 UTF-16 units)', (email) => ({ email, password: EMOJI.repeat(7) })],
        ['a password of 129 characters', (email) => ({ email, password: 'x'.repeat(129) })],
        ['a password of 129 astral code points', (email) => ({ email, password: EMOJI.repeat(129) })],
        ['an empty displayName', (email) => ({ email, password: PASSWORD, displayName: '' })],
        ['a whitespace-only displayName', (email) => ({ email, password: PASSWORD, displayName: '   ' })],
        ['a displayName of 51 characters', (email) => ({ email, password: PASSWORD, displayName: 'n'.repeat(51) })],
        ['a displayName of 51 astral code points', (email) => ({ email, password: PASSWORD, displayName: EMOJI.repeat(51) })],
        ['an unknown field', (email) => ({ email, password: PASSWORD, isAdmin: true })],
        ['an unknown field next to a valid displayName', (email) => ({ email, password: PASSWORD, displayName: 'Ok', role: 'admin' })],
        ['a JSON array body', () => [{ email: uniqueEmail(), password: PASSWORD }]],
      ];

      it.each(cases)('%s', async (_label, makeBody) => {
        const email = uniqueEmail('bad');
        const res = await anon().post('/api/users', makeBody(email));
        expectNestError(res, 400);
        await expectEmailFree(email);
      });

      it('a body that is not JSON', async () => {
        const email = uniqueEmail('notjson');
        const res = await anon().request('POST', '/api/users', `{"email": "${email}", "password": `, { 'content-type': 'application/json' });
        expectNestError(res, 400);
        await expectEmailFree(email);
      });
    });

    it('refuses a body over 16 KiB with 413, and nothing is stored', async () => {
      const email = uniqueEmail('big');
      const res = await anon().post('/api/users', { email, password: PASSWORD, displayName: 'x'.repeat(17 * 1024) });
      expectNestError(res, 413);
      await expectEmailFree(email);
    });

    it('409 when the email is taken, compared after trimming and lower-casing; the first account is unchanged', async () => {
      const local = `taken-${Date.now().toString(36)}`;
      const first = await anon().post<AuthResponse>('/api/users', { email: `${local}@x.test`, password: PASSWORD, displayName: 'First' });
      expectStatus(first, 201);

      for (const email of [`${local}@x.test`, `${local.toUpperCase()}@X.TEST`, `  ${local}@x.test  `]) {
        const res = await anon().post('/api/users', { email, password: 'another password 1', displayName: 'Second' });
        expectNestError(res, 409);
      }

      // The first account still logs in with its password, not with the second one.
      expectStatus(await anon().post('/api/auth/login', { email: `${local}@x.test`, password: PASSWORD }), 200);
      expectNestError(await anon().post('/api/auth/login', { email: `${local}@x.test`, password: 'another password 1' }), 401);
      const me = await anon().withToken(first.body.token).get<OwnUser>('/api/users/me');
      expect(me.body).toEqual(first.body.user);
    });

    it('409 for `A@x.test` after `a@x.test`', async () => {
      const tag = Date.now().toString(36);
      expectStatus(await anon().post('/api/users', { email: `a${tag}@x.test`, password: PASSWORD }), 201);
      expectNestError(await anon().post('/api/users', { email: `A${tag}@x.test`, password: PASSWORD }), 409);
    });
  });

  describe('GET /api/users/me', () => {
    it('returns the caller', async () => {
      const user = await registerUser(server().baseUrl, 'Mia');
      const res = await user.api.get<OwnUser>('/api/users/me');
      expectStatus(res, 200);
      expectOwnUserShape(res.body);
      expect(res.body).toEqual(user.user);
    });

    it.each([
      ['no Authorization header', () => ({})],
      ['an empty bearer token', () => ({ authorization: 'Bearer ' })],
      ['a garbage token', () => ({ authorization: 'Bearer garbage' })],
      ['a JWT-looking garbage token', () => ({ authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl' })],
    ])('401 with %s', async (_label, headers) => {
      const res = await anon().request('GET', '/api/users/me', undefined, headers());
      expectNestError(res, 401);
    });

    it('401 with a real token sent with another scheme or without the scheme', async () => {
      const user = await registerUser(server().baseUrl, 'Scheme');
      expectNestError(await anon().request('GET', '/api/users/me', undefined, { authorization: `Basic ${user.token}` }), 401);
      expectNestError(await anon().request('GET', '/api/users/me', undefined, { authorization: user.token }), 401);
    });

    it('401 with a tampered token', async () => {
      const user = await registerUser(server().baseUrl, 'Tamper');
      const i = Math.floor(user.token.length / 2);
      const tampered = user.token.slice(0, i) + (user.token[i] === 'A' ? 'B' : 'A') + user.token.slice(i + 1);
      expectNestError(await anon().withToken(tampered).get('/api/users/me'), 401);
      // The real token still works.
      expectStatus(await user.api.get('/api/users/me'), 200);
    });
  });
});
