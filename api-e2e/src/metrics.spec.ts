import { createGroup, joinGroup, registerUser } from './support/api-client';
import { clientMsgId, SocketPool, sendMessage } from './support/chat';
import { delta, sample, scrapeMetrics } from './support/metrics';
import { useServer } from './support/setup';
import { waitFor } from './redis/cluster';

const http = (method: string, route: string, status: number) => ({ method, route, status: String(status) });
const HTTP_COUNT = 'chat_http_request_duration_seconds_count';

/**
 * GET /api/metrics over real traffic: each counter moves by exactly what the
 * test did, the gauges follow the sockets, and routes are patterns.
 */
describe('GET /api/metrics', () => {
  const server = useServer();
  const sockets = new SocketPool(server);
  afterAll(() => sockets.closeAll());

  it('is public Prometheus text with the default Node metrics and the chat metrics', async () => {
    const res = await fetch(`${server().baseUrl}/api/metrics`, { headers: { authorization: 'Bearer garbage' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; .*version=0\.0\.4/);
    const text = await res.text();
    for (const name of [
      'nodejs_eventloop_lag_seconds',
      'process_cpu_seconds_total',
      'chat_ws_connections_open',
      'chat_users_online',
      'chat_messages_stored_total',
      'chat_messages_delivered_total',
      'chat_fanout_latency_seconds',
      'chat_ws_errors_total',
      'chat_http_request_duration_seconds',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });

  it('counts what real traffic did, exactly', async () => {
    const { baseUrl } = server();
    const before = await scrapeMetrics(baseUrl);

    const ana = await registerUser(baseUrl, 'Ana');
    const ben = await registerUser(baseUrl, 'Ben');
    const group = (await createGroup(ana)).name;
    await joinGroup(ben, group);
    const anaSocket = await sockets.connect(ana);
    const benSocket = await sockets.connect(ben);

    // 3 messages, each written to 2 sockets; a repeated clientMsgId is echoed to its sender only, stored once.
    const repeated = clientMsgId('repeat');
    for (const id of [clientMsgId(), clientMsgId(), repeated]) {
      const message = await sendMessage(anaSocket, group, `hello ${id}`, id);
      await benSocket.next('message', (m) => m.seq === message.seq);
    }
    await sendMessage(anaSocket, group, 'hello again', repeated);

    // WebSocket errors: one not_found, two bad_request.
    benSocket.send('typing', { group: 'no-such-group' });
    expect((await benSocket.next('error')).code).toBe('not_found');
    benSocket.sendRaw('not json');
    benSocket.send('shout', {});
    expect((await benSocket.take('error', 2)).map((e) => e.code)).toEqual(['bad_request', 'bad_request']);

    // 404s: a route that matched (unknown group) and a path no route has; a 401.
    expect((await ana.api.get('/api/groups/no-such-group')).status).toBe(404);
    expect((await ana.api.get('/api/no-such-route')).status).toBe(404);
    expect((await fetch(`${baseUrl}/api/users/me`)).status).toBe(401);

    const after = await scrapeMetrics(baseUrl);
    expect({
      stored: delta(before, after, 'chat_messages_stored_total'),
      delivered: delta(before, after, 'chat_messages_delivered_total'),
      fanOuts: delta(before, after, 'chat_fanout_latency_seconds_count'),
      notFound: delta(before, after, 'chat_ws_errors_total', { code: 'not_found' }),
      badRequest: delta(before, after, 'chat_ws_errors_total', { code: 'bad_request' }),
      forbidden: delta(before, after, 'chat_ws_errors_total', { code: 'forbidden' }),
      rateLimited: delta(before, after, 'chat_ws_errors_total', { code: 'rate_limited' }),
      connections: sample(after, 'chat_ws_connections_open'),
      users: sample(after, 'chat_users_online'),
    }).toEqual({
      stored: 3,
      // 3 fan-outs to 2 sockets, and the echo of the repeat.
      delivered: 3 * 2 + 1,
      fanOuts: 3,
      notFound: 1,
      badRequest: 2,
      forbidden: 0,
      rateLimited: 0,
      connections: 2,
      users: 2,
    });
    expect({
      register: delta(before, after, HTTP_COUNT, http('POST', '/api/users', 201)),
      create: delta(before, after, HTTP_COUNT, http('POST', '/api/groups', 201)),
      join: delta(before, after, HTTP_COUNT, http('POST', '/api/groups/:name/members', 200)),
      groupNotFound: delta(before, after, HTTP_COUNT, http('GET', '/api/groups/:name', 404)),
      unauthorized: delta(before, after, HTTP_COUNT, http('GET', '/api/users/me', 401)),
      // Nest answers paths no controller has with its catch-all under the prefix.
      noRoute: delta(before, after, HTTP_COUNT, http('GET', 'unmatched', 404)),
      // The scrape that opened this test (the closing one is counted after it is answered).
      scrapes: delta(before, after, HTTP_COUNT, http('GET', '/api/metrics', 200)),
    }).toEqual({ register: 2, create: 1, join: 1, groupNotFound: 1, unauthorized: 1, noRoute: 1, scrapes: 1 });

    // Routes are patterns, never raw URLs.
    const routes = [...after.keys()].filter((key) => key.startsWith(HTTP_COUNT)).map((key) => /route="([^"]*)"/.exec(key)?.[1]);
    expect(routes.filter((route) => route?.includes('no-such'))).toEqual([]);

    // The gauges follow the sockets.
    await benSocket.closeAndWait();
    await waitFor(
      'connection gauges after a close',
      async () => {
        const now = await scrapeMetrics(baseUrl);
        return sample(now, 'chat_ws_connections_open') === 1 && sample(now, 'chat_users_online') === 1;
      },
      5000,
      100,
    );
  });

  it('counts a rate-limited frame under its code', async () => {
    const { baseUrl } = server();
    const user = await registerUser(baseUrl, 'Flooder');
    const socket = await sockets.connect(user);
    const before = await scrapeMetrics(baseUrl);
    // Bursts go up to twice the default 20 frames/s: 60 at once must overflow.
    for (let i = 0; i < 60; i++) socket.send('typing', { group: 'no-such-group' });
    const errors = await socket.take('error', 60);
    const limited = errors.filter((e) => e.code === 'rate_limited').length;
    const after = await scrapeMetrics(baseUrl);
    expect(limited).toBeGreaterThan(0);
    expect(delta(before, after, 'chat_ws_errors_total', { code: 'rate_limited' })).toBe(limited);
    expect(delta(before, after, 'chat_ws_errors_total', { code: 'not_found' })).toBe(60 - limited);
  });
});
