import { Browser, expect, Page, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  Account,
  composer,
  createGroupViaApi,
  delivered,
  deliveredText,
  dmHeading,
  dmLink,
  dmUnreadBadge,
  expectConnected,
  groupLink,
  joinGroupViaApi,
  myDms,
  newPerson,
  openGroup,
  paneHeading,
  PASSWORD,
  registerViaApi,
  send,
  signInWithSession,
  unique,
  unreadBadge,
} from './support/chat';

/**
 * Screenshots of the sign-in and chat screens, light and dark, desktop and
 * phone, of an open dm (desktop) and of search results, into
 * tmp/screenshots/. With UPDATE_DOCS_SCREENSHOT=1 the light desktop chat,
 * dm and search also replace the README's docs/chat.png, docs/dms.png and
 * docs/search.png (not by default, so a test run leaves the working tree
 * clean). Each also checks that the colour scheme really applies.
 */

const workspaceRoot = join(__dirname, '..', '..');
const shotsDir = join(workspaceRoot, 'tmp', 'screenshots');
const docsShot = join(workspaceRoot, 'docs', 'chat.png');
const docsDmShot = join(workspaceRoot, 'docs', 'dms.png');
const docsSearchShot = join(workspaceRoot, 'docs', 'search.png');

const schemes = ['light', 'dark'] as const;
const sizes = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;
type Scheme = (typeof schemes)[number];
type Size = keyof typeof sizes;

const combos: { scheme: Scheme; size: Size }[] = schemes.flatMap((scheme) =>
  (Object.keys(sizes) as Size[]).map((size) => ({ scheme, size })),
);

test.beforeAll(() => mkdirSync(shotsDir, { recursive: true }));

/** Relative luminance (0 black .. 1 white) of the page's background. */
async function backgroundLuminance(page: Page): Promise<number> {
  const color = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = (color.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((part) => Number(part) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

async function expectScheme(page: Page, scheme: Scheme): Promise<void> {
  const luminance = await backgroundLuminance(page);
  if (scheme === 'dark') expect(luminance, 'a dark background in dark mode').toBeLessThan(0.3);
  else expect(luminance, 'a light background in light mode').toBeGreaterThan(0.7);
}

/** Nothing in the conversation's column is wider than the screen (it would scroll sideways, cutting the left edge off). */
async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const overflow = await page.locator('mat-sidenav-content').evaluate((element) => element.scrollWidth - element.clientWidth);
  expect(overflow, `no sideways scrolling: ${what}`).toBe(0);
}

async function shoot(page: Page, ...paths: string[]): Promise<void> {
  for (const path of paths) await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
}

/** Sends a message, as a reply to the message with text `replyTo` when given (its Reply action, then the composer). */
async function say(page: Page, text: string, replyTo?: string): Promise<void> {
  if (replyTo) {
    await deliveredText(page, replyTo).hover();
    await deliveredText(page, replyTo).getByRole('button', { name: 'Reply' }).click();
  }
  await send(page, text);
}

/**
 * On a desktop, the Direct messages section as the chat shot shows it
 * (Carla's unread, newest first, then Bob's), then Alice's dm with Bob:
 * headed by him, online, with no member list.
 */
async function shootDm(page: Page, scheme: Scheme, size: Size, lines: string[]): Promise<void> {
  if (size !== 'desktop') return;
  await expect(myDms(page).getByRole('link')).toHaveCount(2);
  await expect(myDms(page).getByRole('link').first()).toContainText('Carla Diaz');
  await expect(dmUnreadBadge(page, 'Carla Diaz')).toHaveText('1');
  await dmLink(page, 'Bob Chen').click();
  await expect(dmHeading(page, 'Bob Chen')).toBeVisible();
  await expect(page.locator('.head .count')).toHaveText('Online');
  for (const line of lines) await expect(deliveredText(page, line)).toHaveCount(1);
  await expect(delivered(page).last()).toBeInViewport();
  await expect(dmUnreadBadge(page, 'Carla Diaz')).toHaveText('1');
  // The mouse rests on the header, away from the list and the messages.
  await page.mouse.move(640, 28);
  const paths = [join(shotsDir, `dm-${scheme}-${size}.png`)];
  if (scheme === 'light' && process.env['UPDATE_DOCS_SCREENSHOT'] === '1') paths.push(docsDmShot);
  await shoot(page, ...paths);
}

/**
 * A search for "notes" from "general" (Ctrl+K): two results there and one
 * in the dm with Bob, under today's date, the word marked, and the "Only
 * in # general" choice; beside the conversation on a desktop, over it on a
 * phone.
 */
async function shootSearch(page: Page, scheme: Scheme, size: Size): Promise<void> {
  // On a desktop the dm shot left Bob's dm open; on a phone "general" still is.
  if (size === 'desktop') await openGroup(page, 'general');
  await page.keyboard.press('Control+k');
  const box = page.getByRole('searchbox', { name: 'Search messages' });
  await expect(box).toBeFocused();
  await box.fill('notes');
  await box.press('Enter');
  const panel = page.getByRole('region', { name: 'Search', exact: true });
  await expect(panel.locator('button.result')).toHaveCount(3);
  await expect(panel.locator('button.result .where')).toHaveText(['Bob Chen', '# general', '# general']);
  await expect(panel.locator('mark')).toHaveText(['notes', 'notes', 'notes']);
  await expect(panel.getByRole('button', { name: 'Only in # general' })).toBeVisible();
  await expect(panel.locator('button.result').first()).toBeInViewport({ ratio: 1 });
  await expectNoSidewaysScroll(page, `search, ${scheme} ${size}`);
  await expectScheme(page, scheme);
  await page.mouse.move(640, 28);
  const paths = [join(shotsDir, `search-${scheme}-${size}.png`)];
  if (scheme === 'light' && size === 'desktop' && process.env['UPDATE_DOCS_SCREENSHOT'] === '1') paths.push(docsSearchShot);
  await shoot(page, ...paths);
}

async function openContext(browser: Browser, scheme: Scheme, size: Size) {
  return newPerson(browser, { colorScheme: scheme, viewport: sizes[size], locale: 'en-US' });
}

test.describe('screenshots', () => {
  test('sign-in screen, light and dark, desktop and phone', async ({ browser }) => {
    for (const { scheme, size } of combos) {
      const { context, page } = await openContext(browser, scheme, size);
      try {
        await page.goto('/login');
        await expect(page.getByRole('heading', { name: 'Chat' })).toBeVisible();
        await expect(page.getByRole('button', { name: 'Sign in' })).toBeInViewport();
        await expect(page.getByRole('button', { name: 'Create account' })).toBeInViewport();
        await expectScheme(page, scheme);
        await shoot(page, join(shotsDir, `sign-in-${scheme}-${size}.png`));
      } finally {
        await context.close();
      }
    }
  });

  test('the sign-in card fits the screen without scrolling, desktop and phone', async ({ browser }) => {
    for (const size of Object.keys(sizes) as Size[]) {
      const { context, page } = await openContext(browser, 'light', size);
      try {
        await page.goto('/login');
        await expect(page.getByRole('heading', { name: 'Chat' })).toBeVisible();
        // Nothing cut off at the sides, and an empty form needs no scrolling.
        const card = (await page.locator('form.card').boundingBox()) ?? { x: -1, width: Infinity };
        expect.soft(card.x, `the card's left edge is on screen (${size})`).toBeGreaterThanOrEqual(0);
        expect.soft(card.x + card.width, `the card's right edge is on screen (${size})`).toBeLessThanOrEqual(sizes[size].width);
        const overflow = await page.evaluate(() => ({
          x: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          y: document.documentElement.scrollHeight - document.documentElement.clientHeight,
        }));
        expect.soft(overflow, `no scrolling on the sign-in page (${size})`).toEqual({ x: 0, y: 0 });
      } finally {
        await context.close();
      }
    }
  });

  test('chat screen, light and dark, desktop and phone, a dm and a search', async ({ browser, request }) => {
    test.setTimeout(180_000);
    // Plain addresses read better in the README; a unique one if the plain one is taken.
    const register = async (who: string, displayName: string): Promise<Account> => {
      const plain = await request.post('/api/users', { data: { email: `${who}@example.com`, password: PASSWORD, displayName } });
      if (plain.status() === 201) {
        const body = await plain.json();
        return { email: `${who}@example.com`, password: PASSWORD, token: body.token, user: body.user };
      }
      expect(plain.status()).toBe(409);
      return registerViaApi(request, `${who}.${unique()}@example.com`, displayName);
    };
    const alice = await register('alice', 'Alice Martin');
    const bob = await register('bob', 'Bob Chen');
    // Carla shares only "design" with Alice, and writes to her directly.
    const carla = await register('carla', 'Carla Diaz');
    // "general" is the README's group; only this test uses that name.
    const general = 'general';
    const groups = [general, 'design', 'release-planning'];
    // The edit adds a link (Markdown): what shows is its text.
    const edited = {
      typed: 'Give it a try and tell me what breaks. Staging is at [staging.example.com](https://staging.example.com).',
      shown: 'Give it a try and tell me what breaks. Staging is at staging.example.com.',
    };
    for (const name of groups) {
      await createGroupViaApi(request, alice.token, name);
      await joinGroupViaApi(request, bob.token, name);
    }
    await joinGroupViaApi(request, carla.token, 'design');
    const dmLines = [
      'Got a minute after the sync? Not for #general yet: I would like your take on my notes first.',
      'Sure, call me at 11.',
      'Thanks, 11 it is.',
    ];

    // A short conversation, typed by the two of them in their own browsers.
    const alicesBrowser = await newPerson(browser);
    const bobsBrowser = await newPerson(browser);
    try {
      await signInWithSession(alicesBrowser.page, alice);
      await signInWithSession(bobsBrowser.page, bob);
      await openGroup(alicesBrowser.page, general);
      await openGroup(bobsBrowser.page, general);
      await expectConnected(alicesBrowser.page);
      await expectConnected(bobsBrowser.page);
      // Bob answers the first message with a reply (its quote shows above his text); some of it is
      // formatted (typed as Markdown, shown without the marks), and Bob's last one mentions Alice.
      const alicePage = alicesBrowser.page;
      const bobPage = bobsBrowser.page;
      const line = (page: Page, text: string, shown = text, replyTo?: string) => ({ shown, send: () => say(page, text, replyTo) });
      /** A message that starts by mentioning someone picked from the list the composer offers after @. */
      const mentioning = (page: Page, typed: string, text: string, shown: string) => ({
        shown,
        send: async () => {
          await composer(page).pressSequentially(`@${typed}`);
          await composer(page).press('Enter');
          await composer(page).pressSequentially(text);
          await composer(page).press('Enter');
        },
      });
      const first = 'Morning! Is everyone around for the release sync at 10?';
      const conversation = [
        line(alicePage, first),
        line(bobPage, 'Yes, I will bring the notes from yesterday.', undefined, first),
        line(alicePage, 'Great. The new chat client is **live on staging**.', 'Great. The new chat client is live on staging.'),
        line(alicePage, 'Give it a try and tell me what breaks.'),
        line(bobPage, 'Just did: messages show up instantly, even after my laptop woke from sleep.'),
        line(alicePage, 'That is the catch-up after a reconnect: *nothing lost, nothing twice*.', 'That is the catch-up after a reconnect: nothing lost, nothing twice.'),
        mentioning(
          bobPage,
          'Ali',
          'nice! I will write it up in the release notes once `npm test` passes.',
          '@Alice Martin nice! I will write it up in the release notes once npm test passes.',
        ),
      ];
      for (const { shown, send } of conversation) {
        await send();
        await expect(deliveredText(alicePage, shown)).toHaveCount(1);
      }
      // Alice edits one of hers in place: it shows "(edited)".
      await deliveredText(alicesBrowser.page, 'Give it a try and tell me what breaks.').hover();
      await deliveredText(alicesBrowser.page, 'Give it a try and tell me what breaks.').getByRole('button', { name: 'Edit' }).click();
      await alicesBrowser.page.getByRole('textbox', { name: 'Edit message' }).fill(edited.typed);
      await alicesBrowser.page.getByRole('textbox', { name: 'Edit message' }).press('Enter');
      await expect(deliveredText(bobsBrowser.page, edited.shown)).toHaveCount(1);
      // Reactions, over REST as the chips would send them: 🎉 from both on the news, ❤️ from Alice, 👍 from Bob.
      const react = async (who: Account, seq: number, emoji: string) => {
        const url = `/api/groups/${general}/messages/${seq}/reactions/${encodeURIComponent(emoji)}`;
        expect((await request.put(url, { headers: { Authorization: `Bearer ${who.token}` } })).status()).toBe(204);
      };
      await react(bob, 3, '🎉');
      await react(alice, 3, '🎉');
      await react(alice, 5, '❤️');
      await react(bob, 6, '👍');
      await react(bob, 6, '😂');
      // Bob writes to Alice alone: "Message" on her in the member list opens their dm.
      await bobPage.getByRole('list', { name: 'Members' }).getByRole('button', { name: 'Message Alice Martin' }).click();
      await expect(dmHeading(bobPage, 'Alice Martin')).toBeVisible();
      await send(bobPage, dmLines[0]);
      // It shows up in Alice's Direct messages; she opens it and answers.
      await dmLink(alicePage, 'Bob Chen').click();
      await expect(dmHeading(alicePage, 'Bob Chen')).toBeVisible();
      await expect(deliveredText(alicePage, dmLines[0])).toHaveCount(1);
      await send(alicePage, dmLines[1]);
      await expect(deliveredText(bobPage, dmLines[1])).toHaveCount(1);
      await send(bobPage, dmLines[2]);
      await expect(deliveredText(alicePage, dmLines[2])).toHaveCount(1);
      await openGroup(alicePage, general);
      await openGroup(bobPage, general);
      // Carla writes to Alice too, from "design": unread in Alice's Direct messages.
      const carlasBrowser = await newPerson(browser);
      try {
        await signInWithSession(carlasBrowser.page, carla);
        await openGroup(carlasBrowser.page, 'design');
        await carlasBrowser.page.getByRole('list', { name: 'Members' }).getByRole('button', { name: 'Message Alice Martin' }).click();
        await expect(dmHeading(carlasBrowser.page, 'Alice Martin')).toBeVisible();
        await send(carlasBrowser.page, 'Are the settings mockups final? I start on them tomorrow.');
        await expect(dmUnreadBadge(alicePage, 'Carla Diaz')).toHaveText('1');
      } finally {
        await carlasBrowser.context.close();
      }
      // Two messages Alice has not read yet, in another group.
      await openGroup(bobsBrowser.page, 'design');
      await send(bobsBrowser.page, 'New mockups for the settings page are up.');
      // The second one mentions her: a mention badge beside the unread count.
      await composer(bobsBrowser.page).pressSequentially('@Ali');
      await composer(bobsBrowser.page).press('Enter');
      await composer(bobsBrowser.page).pressSequentially('feedback welcome before Friday.');
      await composer(bobsBrowser.page).press('Enter');
      await expect(unreadBadge(alicesBrowser.page, 'design')).toHaveAttribute('aria-label', '2 unread');
      await openGroup(bobsBrowser.page, general);
      await alicesBrowser.context.close();

      // Alice's view, in each colour scheme and size; Bob stays online.
      for (const { scheme, size } of combos) {
        const { context, page } = await openContext(browser, scheme, size);
        try {
          await signInWithSession(page, alice);
          if (size === 'phone') {
            // On a phone the group list is a drawer.
            await page.getByRole('button', { name: 'Show groups' }).click();
            await expect(groupLink(page, general)).toBeVisible();
          }
          await openGroup(page, general);
          await expectConnected(page);
          await expect(delivered(page)).toHaveCount(conversation.length);
          await expect(page.getByText('Sending…')).toHaveCount(0);
          if (size === 'desktop') {
            await expect(unreadBadge(page, 'design')).toHaveText('2');
            await expect(groupLink(page, 'design').locator('[aria-label="1 mention"]')).toHaveText('@1');
            await expect(page.getByRole('list', { name: 'Members' }).getByRole('listitem').filter({ hasText: 'Bob Chen' })).toContainText(
              '(online)',
            );
          } else {
            // The drawer closed on choosing the group; the conversation fills the screen.
            await expect(groupLink(page, general)).toBeHidden();
            // Two unread in "design" and one in Carla's dm.
            await expect(page.getByRole('button', { name: 'Show groups' })).toContainText('3');
          }
          await expect(paneHeading(page, general)).toBeInViewport();
          await expect(page.getByLabel('Message', { exact: true })).toBeInViewport();
          await expect(delivered(page).last()).toBeInViewport();
          await expect(delivered(page).locator('.quote')).toContainText('Morning! Is everyone around');
          await expect(deliveredText(page, edited.shown).locator('.edited')).toHaveText('(edited)');
          await expect(deliveredText(page, edited.shown).locator('a')).toHaveAttribute('href', 'https://staging.example.com');
          await expect(page.locator('.mention.me')).toHaveText('@Alice Martin');
          await expect(delivered(page).getByRole('button', { name: /^🎉 2 people, including you$/ })).toBeVisible();
          // A mouse over one of her messages shows its actions.
          const last = deliveredText(page, 'That is the catch-up after a reconnect: nothing lost, nothing twice.');
          await last.hover();
          await expect(last.getByRole('button', { name: 'Delete' })).toBeVisible();
          await expectScheme(page, scheme);
          await expectNoSidewaysScroll(page, `chat, ${scheme} ${size}`);
          const paths = [join(shotsDir, `chat-${scheme}-${size}.png`)];
          if (scheme === 'light' && size === 'desktop' && process.env['UPDATE_DOCS_SCREENSHOT'] === '1') paths.push(docsShot);
          await shoot(page, ...paths);
          await shootDm(page, scheme, size, dmLines);
          await shootSearch(page, scheme, size);
        } finally {
          await context.close();
        }
      }
    } finally {
      await alicesBrowser.context.close();
      await bobsBrowser.context.close();
    }
  });
});
