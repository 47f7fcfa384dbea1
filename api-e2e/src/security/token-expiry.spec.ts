import { WsCloseCode } from '@chat/protocol';
import { ApiClient, registerUser } from '../support/api-client';
import { sleep, SocketPool } from '../support/chat';
import { expectNestError, expectStatus } from '../support/expect';
import { useServer } from '../support/setup';

const TTL_SECONDS = 3;

describe(`token expiry (AUTH_TOKEN_TTL=${TTL_SECONDS})`, () => {
  const server = useServer({ AUTH_TOKEN_TTL: String(TTL_SECONDS), PASSWORD_HASH_COST: '10' });
  const sockets = new SocketPool(server);
  afterEach(() => sockets.closeAll());

  it('a token works until it expires; then REST is 401, /ws is 4401, and its open socket is closed with 4401', async () => {
    const issuedAt = Date.now();
    const user = await registerUser(server().baseUrl, 'Brief');
    expectStatus(await user.api.get('/api/users/me'), 200);
    const open = await sockets.connect(user);

    // The open socket is closed when the token expires (JWT exp has whole seconds: within TTL + 1 s).
    const closed = await open.waitForClose((TTL_SECONDS + 2) * 1000);
    expect(closed.code).toBe(WsCloseCode.Unauthorized);
    const lifetime = Date.now() - issuedAt;
    expect(lifetime).toBeGreaterThanOrEqual((TTL_SECONDS - 1) * 1000);

    expectNestError(await user.api.get('/api/users/me'), 401);
    const late = await sockets.open(`${server().wsUrl}?token=${encodeURIComponent(user.token)}`);
    expect((await late.waitForClose(3000)).code).toBe(WsCloseCode.Unauthorized);
    expect(late.history.filter((f) => f.event === 'ready')).toEqual([]);

    // Signing in again gives a fresh token that works.
    const login = await new ApiClient(server().baseUrl).post('/api/auth/login', { email: user.user.email, password: user.password });
    expectStatus(login, 200);
    expectStatus(await new ApiClient(server().baseUrl, login.body.token).get('/api/users/me'), 200);
    const again = await sockets.connect({ token: login.body.token });
    expect(again.ready.user).toEqual(user.user);
  }, 20_000);

  it('a socket whose token expires soon stays open until then', async () => {
    const user = await registerUser(server().baseUrl, 'Meanwhile');
    const socket = await sockets.connect(user);
    await sleep(1000);
    expect(socket.isOpen).toBe(true);
    expect((await socket.waitForClose((TTL_SECONDS + 2) * 1000)).code).toBe(WsCloseCode.Unauthorized);
  }, 20_000);
});
