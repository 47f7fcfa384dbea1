import { request } from 'node:http';
import { registerUser } from '../support/api-client';
import { useServer } from '../support/setup';

/** What every answer must carry, whatever its route or status. */
function expectSecurityHeaders(res: Response, port: number): void {
  const csp = res.headers.get('content-security-policy') ?? '';
  const directives = new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );
  expect(directives.get('default-src')).toEqual(["'self'"]);
  // No inline script anywhere: not in the app, not in Swagger UI, not in attributes.
  expect(directives.get('script-src')).toEqual(["'self'"]);
  expect(directives.get('script-src-attr')).toEqual(["'none'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(directives.get('frame-ancestors')).toEqual(["'self'"]);
  // The app's own WebSocket, named for browsers where 'self' does not cover ws:.
  expect(directives.get('connect-src')).toEqual(["'self'", `ws://127.0.0.1:${port}`]);
  // Plain HTTP must keep working on localhost.
  expect(directives.has('upgrade-insecure-requests')).toBe(false);

  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
  expect(res.headers.get('x-powered-by')).toBeNull();
}

describe('security headers (helmet)', () => {
  const server = useServer();
  const get = (path: string, init?: RequestInit) => fetch(`${server().baseUrl}${path}`, init);

  it.each([
    ['the web client', '/'],
    ['a client-side route of the web client', '/login'],
    ['the health route', '/api/health'],
    ['Swagger UI', '/api/docs'],
    ['the OpenAPI document', '/api/docs-json'],
    ['an unknown API route (404)', '/api/nothing-here'],
    ['a route that needs a token, without one (401)', '/api/users/me'],
  ])('on %s (GET %s)', async (_label, path) => {
    const res = await get(path);
    await res.arrayBuffer();
    expectSecurityHeaders(res, server().port);
  });

  it('on an authenticated API answer (200)', async () => {
    const user = await registerUser(server().baseUrl, 'Helmet');
    const res = await get('/api/users/me', { headers: { authorization: `Bearer ${user.token}` } });
    expect(res.status).toBe(200);
    expectSecurityHeaders(res, server().port);
  });

  it('on errors the body parser answers (400 bad JSON, 413 too large)', async () => {
    for (const [body, status] of [
      ['{"email":', 400],
      [JSON.stringify({ email: 'x'.repeat(17 * 1024) }), 413],
    ] as const) {
      const res = await get('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status).toBe(status);
      expectSecurityHeaders(res, server().port);
    }
  });

  it('names wss: behind a TLS proxy, and nothing for a Host that is not a host name', async () => {
    const proxied = await get('/api/health', { headers: { 'x-forwarded-proto': 'https' } });
    expect(proxied.headers.get('content-security-policy')).toContain(`connect-src 'self' wss://127.0.0.1:${server().port}`);

    // A Host header that would inject CSP syntax is left out (and is no 500).
    const odd = await rawGet(server().port, '/api/health', { host: "x;script-src 'unsafe-inline'" });
    expect(odd.status).toBe(200);
    expect(odd.csp).toMatch(/connect-src 'self'\s*$/);
    expect(odd.csp).toContain("script-src 'self';");
  });
});

/** fetch() will not send an arbitrary Host header; node:http will. */
function rawGet(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; csp: string }> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      res.resume();
      res.on('end', () => done({ status: res.statusCode ?? 0, csp: String(res.headers['content-security-policy'] ?? '') }));
    });
    req.on('error', fail);
    req.end();
  });
}
