import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGroup, registerUser, TestUser } from './support/api-client';
import { SocketPool, sendMessage } from './support/chat';
import { expectNestError } from './support/expect';
import { RunningServer, startServer } from './support/server';

/**
 * The server as `npm start` runs it: with a web client to serve (WEB_ROOT).
 * Every other spec runs the API alone (api-e2e runs before the web build,
 * so no dist/web exists then), and serving the client changes how errors
 * on /api paths travel: @nestjs/serve-static turns any error on a path it
 * excludes (all of /api) into a 404. The API must answer the same with
 * and without it.
 */
describe('with a web client to serve (WEB_ROOT)', () => {
  /** Written into the fixture's index.html, to recognise it. */
  const MARKER = `web-root-fixture-${process.pid}`;
  let webRoot = '';
  let server: RunningServer | undefined;
  const sockets = new SocketPool(() => server as RunningServer);
  let alice: TestUser;
  let group = '';

  beforeAll(async () => {
    // In the system's temporary directory: `send` refuses (404) a file under a dot-directory,
    // so a fixture below this repository's tmp/ would fail in a checkout under, say, .claude/.
    webRoot = mkdtempSync(join(tmpdir(), 'chat-web-root-'));
    writeFileSync(join(webRoot, 'index.html'), `<!doctype html><html><head><title>chat</title></head><body>${MARKER}</body></html>\n`);
    server = await startServer({ WEB_ROOT: webRoot });
    alice = await registerUser(server.baseUrl, 'Alice');
    group = (await createGroup(alice)).name;
    // A real message 1, so a reaction route names something that exists.
    await sendMessage(await sockets.connect(alice), group, 'hello');
  }, 30000);

  afterAll(async () => {
    await sockets.closeAll();
    await server?.stop();
    if (webRoot) rmSync(webRoot, { recursive: true, force: true });
  });

  const base = () => (server as RunningServer).baseUrl;
  const messages = () => `/api/groups/${encodeURIComponent(group)}/messages`;

  describe('a path segment that is not valid percent-encoding is 400 in Nest’s shape, as without a web client', () => {
    const MALFORMED: Array<[label: string, raw: string]> = [
      ['a truncated escape', '%E0%A4%A'],
      ['a malformed escape', '%zz'],
      ['a truncated UTF-8 sequence', '%F0%9F%91'],
      ['an encoded lone surrogate', '%ED%A0%BD'],
    ];

    it.each(MALFORMED)('PUT and DELETE of a reaction: %s', async (_label, raw) => {
      expectNestError(await alice.api.put(`${messages()}/1/reactions/${raw}`), 400);
      expectNestError(await alice.api.delete(`${messages()}/1/reactions/${raw}`), 400);
    });

    it.each(MALFORMED)('a group name: %s', async (_label, raw) => {
      expectNestError(await alice.api.get(`/api/groups/${raw}`), 400);
      expectNestError(await alice.api.get(`/api/groups/${raw}/messages`), 400);
      expectNestError(await alice.api.post(`/api/groups/${raw}/members`), 400);
    });

    it('a message seq', async () => {
      expectNestError(await alice.api.get(`${messages()}/%E0%A4%A/reactions`), 400);
      expectNestError(await alice.api.patch(`${messages()}/%zz`, { text: 'changed' }), 400);
    });

    it('and nothing changed', async () => {
      const res = await alice.api.get(`/api/groups/${encodeURIComponent(group)}`);
      expect(res.status).toBe(200);
      expect({ lastSeq: res.body.lastSeq, lastRev: res.body.lastRev }).toEqual({ lastSeq: 1, lastRev: 1 });
    });
  });

  it('an unknown /api path is 404 in Nest’s shape, never the web client', async () => {
    expectNestError(await alice.api.get('/api/nope'), 404);
    expectNestError(await alice.api.post('/api/nope'), 404);
    expectNestError(await alice.api.get(`${messages()}/1/nope`), 404);
    expectNestError(await alice.api.get('/api'), 404);
    // No route has this shape, so nothing decodes it: unknown, as without a web client.
    expectNestError(await alice.api.get('/api/nope/%E0%A4%A'), 404);
  });

  it('the API still answers as JSON: a known route, and a 401 without a token', async () => {
    const res = await alice.api.get('/api/groups');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Array.isArray(res.body)).toBe(true);
    const anonymous = await fetch(`${base()}/api/groups`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it.each(['/', '/index.html', '/chat', '/chat/general', '/groups/some%20group'])('GET %s is the web client’s index.html', async (path) => {
    const res = await fetch(`${base()}${path}`);
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain(MARKER);
  });
});
