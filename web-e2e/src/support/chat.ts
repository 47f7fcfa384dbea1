import { APIRequestContext, Browser, BrowserContext, BrowserContextOptions, expect, Locator, Page } from '@playwright/test';

/**
 * Helpers shared by the browser specs: unique names, signing up through the
 * UI or over REST, and the locators a person would look at.
 *
 * The server is shared by every test of a run, so every email and group
 * name is unique (a run-wide counter plus the time).
 */

export const PASSWORD = 'correct horse battery';

let counter = 0;
/** A short unique suffix: letters and digits only, valid in emails and group names. */
export function unique(): string {
  counter += 1;
  return `${Date.now().toString(36)}${counter}${Math.floor(Math.random() * 1296).toString(36)}`;
}

export function uniqueEmail(who: string): string {
  return `${who}.${unique()}@example.com`;
}

/** The name the app shows for an account registered without a display name. */
export function defaultDisplayName(email: string): string {
  return email.slice(0, email.indexOf('@'));
}

export interface Account {
  email: string;
  password: string;
  token: string;
  user: { id: string; email: string; displayName: string };
}

/* ------------------------------------------------------------------ REST */

export async function registerViaApi(request: APIRequestContext, email: string, displayName?: string): Promise<Account> {
  const response = await request.post('/api/users', {
    data: displayName ? { email, password: PASSWORD, displayName } : { email, password: PASSWORD },
  });
  expect(response.status(), await response.text()).toBe(201);
  const body = await response.json();
  return { email, password: PASSWORD, token: body.token, user: body.user };
}

function auth(token: string) {
  return { Authorization: `Bearer ${token}` };
}

export async function createGroupViaApi(request: APIRequestContext, token: string, name: string): Promise<void> {
  const response = await request.post('/api/groups', { data: { name }, headers: auth(token) });
  expect(response.status(), await response.text()).toBe(201);
}

export async function joinGroupViaApi(request: APIRequestContext, token: string, name: string): Promise<void> {
  const response = await request.post(`/api/groups/${encodeURIComponent(name)}/members`, { headers: auth(token) });
  expect(response.status(), await response.text()).toBe(200);
}

export interface ApiMessage {
  id: string;
  seq: number;
  text: string;
  clientMsgId: string;
  sender: { id: string };
}

export async function historyViaApi(request: APIRequestContext, token: string, name: string): Promise<ApiMessage[]> {
  const response = await request.get(`/api/groups/${encodeURIComponent(name)}/messages?limit=100`, { headers: auth(token) });
  expect(response.status(), await response.text()).toBe(200);
  return response.json();
}

/**
 * Sends these texts, in order, over a socket of its own opened from the page
 * (any page of the app's origin), each once stored: resent after a second
 * when rate limited. Much faster than typing them.
 */
export async function sendOverSocket(page: Page, token: string, group: string, texts: string[]): Promise<void> {
  await page.evaluate(
    async ({ token, group, texts }) => {
      const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(token)}`);
      await new Promise<void>((ready) => (ws.onmessage = (event) => JSON.parse(event.data).event === 'ready' && ready()));
      for (const [i, text] of texts.entries()) {
        const clientMsgId = `bulk-${i}-${Date.now()}-${Math.random()}`;
        for (;;) {
          const answer = new Promise<string>((done) => {
            ws.onmessage = (event) => {
              const frame = JSON.parse(event.data);
              if (frame.data?.clientMsgId === clientMsgId) done(frame.event === 'error' ? frame.data.code : 'stored');
            };
          });
          ws.send(JSON.stringify({ event: 'send', data: { group, text, clientMsgId } }));
          if ((await answer) === 'stored') break;
          await new Promise((wait) => setTimeout(wait, 1000));
        }
      }
      ws.close();
    },
    { token, group, texts },
  );
}

/** The session token the page keeps in localStorage (what a reload signs in with). */
export async function tokenOf(page: Page): Promise<string> {
  const raw = await page.evaluate(() => localStorage.getItem('chat.session'));
  expect(raw, 'the page keeps a session in localStorage').toBeTruthy();
  return JSON.parse(raw as string).token;
}

/* -------------------------------------------------------------------- UI */

/** A fresh browser context (its own storage: another person) and its page. */
export async function newPerson(browser: Browser, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  return { context, page };
}

/** The chat screen is up: "Sign out" in the sidebar, or on a phone the "Show groups" drawer button. */
export function chatIsShown(page: Page): Locator {
  return page.getByRole('button', { name: 'Sign out' }).or(page.getByRole('button', { name: 'Show groups' }));
}

async function submitLogin(page: Page, email: string, password: string, button: 'Sign in' | 'Create account'): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: button }).click();
}

/** Creates an account through the sign-in page and waits for the chat screen. */
export async function registerViaUi(page: Page, email: string, password = PASSWORD): Promise<void> {
  await submitLogin(page, email, password, 'Create account');
  await expect(chatIsShown(page)).toBeVisible({ timeout: 15_000 });
  await expect(page).not.toHaveURL(/\/login/);
}

export async function signInViaUi(page: Page, email: string, password = PASSWORD): Promise<void> {
  await submitLogin(page, email, password, 'Sign in');
  await expect(chatIsShown(page)).toBeVisible({ timeout: 15_000 });
}

/** Fills the sign-in form and presses a button without expecting success. */
export async function tryLogin(page: Page, email: string, password: string, button: 'Sign in' | 'Create account'): Promise<void> {
  await submitLogin(page, email, password, button);
}

/** Signs in by putting a REST session where the app keeps it (faster than scrypt twice). */
export async function signInWithSession(page: Page, account: Account): Promise<void> {
  await page.goto('/login');
  await page.evaluate((session) => localStorage.setItem('chat.session', JSON.stringify(session)), {
    token: account.token,
    user: account.user,
  });
  await page.goto('/');
  await expect(chatIsShown(page)).toBeVisible({ timeout: 15_000 });
}

/** The connection is up: no "Connecting…"/"Reconnecting…" banner. */
export async function expectConnected(page: Page, timeout = 10_000): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: /onnecting|Offline/ })).toHaveCount(0, { timeout });
}

export function groupLink(page: Page, name: string): Locator {
  return myGroups(page).getByRole('link', { name: new RegExp(`^# ${escapeRegExp(name)}(\\s|$)`) });
}

export function myGroups(page: Page): Locator {
  return page.getByRole('navigation', { name: 'My groups' });
}

export function unreadBadge(page: Page, name: string): Locator {
  return groupLink(page, name).locator('[aria-label$=" unread"]');
}

/** The sidebar's "Direct messages" section. */
export function myDms(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Direct messages' });
}

/** The dm with `person` (by display name) in the sidebar. */
export function dmLink(page: Page, person: string): Locator {
  return myDms(page).getByRole('link', { name: new RegExp(`^${escapeRegExp(person)}(\\s|$)`) });
}

export function dmUnreadBadge(page: Page, person: string): Locator {
  return dmLink(page, person).locator('[aria-label$=" unread"]');
}

/** An open dm is headed by the other person's name. */
export function dmHeading(page: Page, person: string): Locator {
  return page.getByRole('region', { name: `Direct messages with ${person}` }).getByRole('heading', { name: person, exact: true });
}

export function paneHeading(page: Page, name: string): Locator {
  return page.getByRole('heading', { name: `# ${name}`, exact: true });
}

export async function createGroupViaUi(page: Page, name: string): Promise<void> {
  await page.getByLabel('New group').first().fill(name);
  await page.getByRole('button', { name: 'Create', exact: true }).first().click();
  await expect(paneHeading(page, name)).toBeVisible();
}

export async function joinViaBrowse(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: /^Browse (all )?groups$/ }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Browse groups' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Filter').fill(name);
  const row = dialog.getByRole('listitem').filter({ hasText: `# ${name}` });
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: 'Join' }).click();
  await expect(dialog).toBeHidden();
  await expect(paneHeading(page, name)).toBeVisible();
}

export async function openGroup(page: Page, name: string): Promise<void> {
  await groupLink(page, name).click();
  await expect(paneHeading(page, name)).toBeVisible();
}

export function composer(page: Page): Locator {
  return page.getByLabel('Message', { exact: true });
}

/** Types a message and presses Enter. */
export async function send(page: Page, text: string): Promise<void> {
  const box = composer(page);
  await box.fill(text);
  await box.press('Enter');
  await expect(box).toHaveValue('');
}

/** Delivered messages (the server gave them a seq). */
export function delivered(page: Page): Locator {
  return page.locator('article.message[data-seq]');
}

/** A delivered message whose text is exactly `text`. */
export function deliveredText(page: Page, text: string): Locator {
  return delivered(page).filter({ has: page.locator('.text').getByText(text, { exact: true }) });
}

/** My messages still waiting for the server, or refused. */
export function outgoing(page: Page): Locator {
  return page.locator('article.message.outgoing');
}

/** The seq numbers of the delivered messages, in the order shown. */
export async function shownSeqs(page: Page): Promise<number[]> {
  return delivered(page).evaluateAll((nodes) => nodes.map((node) => Number(node.getAttribute('data-seq'))));
}

export async function shownTexts(page: Page): Promise<string[]> {
  return delivered(page).locator('.text').allInnerTexts();
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
