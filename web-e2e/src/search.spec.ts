import { APIRequestContext, expect, Locator, Page, test } from '@playwright/test';
import {
  Account,
  composer,
  createGroupViaApi,
  delivered,
  dmHeading,
  expectConnected,
  joinGroupViaApi,
  newPerson,
  openGroup,
  paneHeading,
  registerViaApi,
  sendOverSocket,
  shownSeqs,
  signInWithSession,
  unique,
  uniqueEmail,
} from './support/chat';

/** The search panel's box. */
function searchBox(page: Page): Locator {
  return page.getByRole('searchbox', { name: 'Search messages' });
}

/** The results shown, each a button. */
function results(page: Page): Locator {
  return page.getByRole('region', { name: 'Search', exact: true }).locator('button.result');
}

function searchStatus(page: Page): Locator {
  return page.getByRole('region', { name: 'Search', exact: true }).getByRole('status');
}

/** The open conversation's scrolling list of messages. */
function messageLog(page: Page): Locator {
  return page.getByRole('log');
}

function article(page: Page, seq: number): Locator {
  return page.locator(`article.message[data-seq="${seq}"]`);
}

/** Opens the dm between two accounts (REST) and answers its name. */
async function openDmViaApi(request: APIRequestContext, from: Account, to: Account): Promise<string> {
  const response = await request.post('/api/dms', { data: { userId: to.user.id }, headers: { Authorization: `Bearer ${from.token}` } });
  expect([200, 201], await response.text()).toContain(response.status());
  return (await response.json()).name;
}

test.describe('search', () => {
  test('a word far back in a group: its result opens the group at the message, marked, with the newest still live below', async ({ browser, request }) => {
    test.setTimeout(120_000);
    const ana = await registerViaApi(request, uniqueEmail('ana'), 'Ana Silva');
    const ben = await registerViaApi(request, uniqueEmail('ben'), 'Ben Ortiz');
    const group = `search ${unique()}`;
    const elsewhere = `lobby ${unique()}`;
    for (const name of [group, elsewhere]) {
      await createGroupViaApi(request, ana.token, name);
      await joinGroupViaApi(request, ben.token, name);
    }
    // A word nobody else on this shared server has written, in message 30 of 130: far beyond the newest page (81-130).
    const word = `Zebra${unique()}`;
    const texts = Array.from({ length: 130 }, (_, i) => (i === 29 ? `Did you see the ${word} at the zoo?` : `filler ${i + 1}`));
    const { context, page } = await newPerson(browser);
    try {
      await page.goto('/login');
      await sendOverSocket(page, ben.token, group, texts);
      await signInWithSession(page, ana);
      await openGroup(page, elsewhere);
      await expectConnected(page);

      // Ctrl+K opens the search with the keyboard in its box; the case typed does not matter.
      await page.keyboard.press('Control+k');
      await expect(searchBox(page)).toBeFocused();
      await searchBox(page).fill(word.toUpperCase());
      await searchBox(page).press('Enter');
      await expect(results(page)).toHaveCount(1);
      await expect(searchStatus(page)).toHaveText('1 result');
      const result = results(page).first();
      await expect(result.locator('.where')).toHaveText(`# ${group}`);
      await expect(result.locator('.sender')).toHaveText('Ben Ortiz');
      await expect(result.locator('mark')).toHaveText(word);
      await expect(result.locator('.text')).toHaveText(`Did you see the ${word} at the zoo?`);
      await expect(page.getByRole('region', { name: 'Search', exact: true }).getByRole('heading', { name: 'Today' })).toBeVisible();

      // Opening it: the group, scrolled to message 30 and marked, with the pages around it and the newest, not all in between.
      await result.click();
      // Marked for two seconds: looked at first.
      await expect(article(page, 30)).toHaveClass(/found/);
      await expect(paneHeading(page, group)).toBeVisible();
      await expect(article(page, 30)).toBeInViewport();
      await expect(article(page, 30)).toContainText(word);
      await expect(article(page, 130)).toHaveCount(1);
      await expect(article(page, 1)).toHaveCount(0);
      expect((await shownSeqs(page)).length).toBeLessThan(130);
      await expect(page.getByRole('button', { name: 'Show newer messages' })).toHaveCount(1);

      // A new message arrives live: it joins the newest below, the view stays where it is and offers it.
      await sendOverSocket(page, ben.token, group, ['live after the jump']);
      await expect(article(page, 131)).toHaveCount(1);
      await expect(page.getByRole('button', { name: 'New messages ↓' })).toBeVisible();
      await expect(article(page, 30)).toBeInViewport();

      // Scrolling up loads the older ones; scrolling down fills the gap up to the newest.
      await messageLog(page).evaluate((element) => (element.scrollTop = 0));
      await expect(article(page, 1)).toHaveCount(1);
      for (let i = 0; i < 10 && (await page.locator('.gap').count()) > 0; i++) {
        await page.locator('.gap').scrollIntoViewIfNeeded().catch(() => undefined);
        await page.waitForTimeout(300);
      }
      await expect(page.locator('.gap')).toHaveCount(0);
      expect(await shownSeqs(page)).toEqual(Array.from({ length: 131 }, (_, i) => i + 1));
      await page.getByRole('button', { name: 'New messages ↓' }).click();
      await expect(article(page, 131)).toBeInViewport();

      // Escape closes the search and forgets it.
      await searchBox(page).focus();
      await page.keyboard.press('Escape');
      await expect(searchBox(page)).toHaveCount(0);
    } finally {
      await context.close();
    }
  });

  test('in dms too, labelled with the other person; `/` opens it, "More" pages, "Only in" limits it to the open group', async ({ browser, request }) => {
    test.setTimeout(120_000);
    const ana = await registerViaApi(request, uniqueEmail('ana'), 'Ana Silva');
    const ben = await registerViaApi(request, uniqueEmail('ben'), 'Ben Ortiz');
    const group = `kiwis ${unique()}`;
    await createGroupViaApi(request, ana.token, group);
    await joinGroupViaApi(request, ben.token, group);
    const dm = await openDmViaApi(request, ben, ana);
    const word = `kiwi${unique()}`;
    const { context, page } = await newPerson(browser);
    try {
      await page.goto('/login');
      await sendOverSocket(page, ben.token, group, [`a ${word} in the group`]);
      await sendOverSocket(
        page,
        ben.token,
        dm,
        Array.from({ length: 24 }, (_, i) => `dm ${i + 1}: one more ${word}`),
      );
      await signInWithSession(page, ana);
      await openGroup(page, group);
      await expectConnected(page);

      // `/` typed in the message box is text, not the search.
      await composer(page).click();
      await page.keyboard.press('/');
      await expect(composer(page)).toHaveValue('/');
      await expect(searchBox(page)).toHaveCount(0);
      await composer(page).fill('');
      // Elsewhere it opens the search.
      await messageLog(page).focus();
      await page.keyboard.press('/');
      await expect(searchBox(page)).toBeFocused();
      await page.keyboard.type(word);
      await page.keyboard.press('Enter');

      // Newest first: the 20 newest, in the dm, under Ben's name; "More" brings the other 5.
      await expect(results(page)).toHaveCount(20);
      await expect(searchStatus(page)).toHaveText('20 results, more may be further back');
      await expect(results(page).first().locator('.where')).toHaveText('Ben Ortiz');
      await expect(results(page).first().locator('.text')).toHaveText(`dm 24: one more ${word}`);
      await page.getByRole('button', { name: 'More', exact: true }).click();
      await expect(results(page)).toHaveCount(25);
      await expect(searchStatus(page)).toHaveText('25 results');
      await expect(page.getByRole('button', { name: 'More', exact: true })).toHaveCount(0);
      await expect(results(page).last().locator('.where')).toHaveText(`# ${group}`);

      // Only in the open group: the one there.
      await page.getByRole('button', { name: `Only in # ${group}` }).click();
      await expect(page.getByRole('button', { name: `Only in # ${group}` })).toHaveAttribute('aria-pressed', 'true');
      await expect(results(page)).toHaveCount(1);
      await expect(results(page).first().locator('mark')).toHaveText(word);
      await page.getByRole('button', { name: `Only in # ${group}` }).click();
      await expect(results(page)).toHaveCount(20);

      // A dm result opens the dm at it.
      await results(page).nth(5).click();
      await expect(article(page, 19)).toHaveClass(/found/);
      await expect(dmHeading(page, 'Ben Ortiz')).toBeVisible();
      await expect(article(page, 19)).toBeInViewport();
      await expect(delivered(page)).toHaveCount(24);
    } finally {
      await context.close();
    }
  });
});
