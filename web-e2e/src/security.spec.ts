import { expect, Page, test } from '@playwright/test';
import { expectConnected, registerViaApi, signInWithSession, uniqueEmail } from './support/chat';
import { startApiServer, startForeignSite } from './support/servers';

/** Records every Content-Security-Policy violation and CSP console error of the page. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction('__cspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { __cspViolation: (t: string) => void }).__cspViolation(`${event.violatedDirective} ${event.blockedURI}`),
    ),
  );
  return violations;
}

test.describe('security headers in a real browser', () => {
  test('Swagger UI renders its operations and can call the API under the CSP', async ({ page }) => {
    const violations = await watchCsp(page);
    await page.goto('/api/docs');
    await expect(page.locator('.opblock').first()).toBeVisible();
    expect(await page.locator('.opblock').count()).toBeGreaterThanOrEqual(10);
    await expect(page.locator('.opblock-summary-path', { hasText: /^\/api\/users$/ })).toBeVisible();

    // "Try it out" on the health route: the page's own fetch (connect-src) goes through.
    const health = page.locator('.opblock', { has: page.locator('.opblock-summary-path', { hasText: /^\/api\/health$/ }) });
    await health.locator('.opblock-summary').click();
    await health.getByRole('button', { name: 'Try it out' }).click();
    await health.getByRole('button', { name: 'Execute' }).click();
    await expect(health.locator('.live-responses-table tbody .response-col_status').first()).toHaveText('200');
    expect(violations).toEqual([]);
  });

  test('the WebSocket docs page renders under its own policy, with the security headers', async ({ page }) => {
    const violations = await watchCsp(page);
    const response = await page.goto('/api/ws-docs');
    expect(response?.headers()['x-content-type-options']).toBe('nosniff');
    await expect(page.getByRole('cell', { name: 'Going away' })).toBeVisible();
    expect(violations).toEqual([]);
  });

  test('the web client is styled and its WebSocket connects under the CSP', async ({ page, request }) => {
    const violations = await watchCsp(page);
    const account = await registerViaApi(request, uniqueEmail('csp'));
    await signInWithSession(page, account);
    await expectConnected(page);
    // The global stylesheet applied (it sets body's margin to 0; a browser's default is 8px).
    expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px');
    expect(violations).toEqual([]);
  });
});

interface Attempt {
  /** `ready` if the socket authenticated, else how it ended. */
  socket: string;
  /** `200` etc. when the page could read the answer; `unreadable` when the browser withheld it. */
  me: string;
}

/**
 * Runs in a page of the other site: what a malicious page holding a stolen
 * (or guessed) token could do against the chat server at `apiUrl`.
 */
function attack(page: Page, apiUrl: string, token: string): Promise<Attempt> {
  return page.evaluate(
    async ({ apiUrl, token }) => {
      const socket = await new Promise<string>((done) => {
        const ws = new WebSocket(`${apiUrl.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(token)}`);
        const timer = setTimeout(() => done('no answer'), 5000);
        ws.onmessage = (event) => {
          if (JSON.parse(event.data).event === 'ready') {
            clearTimeout(timer);
            ws.close();
            done('ready');
          }
        };
        ws.onclose = (event) => {
          clearTimeout(timer);
          done(`closed ${event.code}`);
        };
      });
      let me: string;
      try {
        const res = await fetch(`${apiUrl}/api/users/me`, { headers: { authorization: `Bearer ${token}` } });
        me = String(res.status);
      } catch {
        me = 'unreadable';
      }
      return { socket, me };
    },
    { apiUrl, token },
  );
}

test.describe('cross-site WebSocket hijacking and cross-origin API calls', () => {
  let site: Awaited<ReturnType<typeof startForeignSite>>;
  test.beforeAll(async () => {
    site = await startForeignSite();
  });
  test.afterAll(async () => {
    await site?.close();
  });

  test('a page of another origin cannot open /ws nor read the API, even with a valid token', async ({ page, request, baseURL }) => {
    const account = await registerViaApi(request, uniqueEmail('victim'));
    await page.goto(site.origin);
    // The socket is refused at the handshake (403: the browser reports 1006) and never gets `ready`;
    // the fetch has no CORS header to let the page read it.
    expect(await attack(page, baseURL as string, account.token)).toEqual({ socket: 'closed 1006', me: 'unreadable' });
  });

  test('the same page can, once its origin is in ALLOWED_ORIGINS', async ({ page }) => {
    const api = await startApiServer({ ALLOWED_ORIGINS: site.origin });
    try {
      const res = await fetch(`${api.baseUrl}/api/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: uniqueEmail('allowed'), password: 'correct horse battery' }),
      });
      expect(res.status).toBe(201);
      const { token } = await res.json();
      await page.goto(site.origin);
      expect(await attack(page, api.baseUrl, token)).toEqual({ socket: 'ready', me: '200' });
    } finally {
      await api.stop();
    }
  });
});
