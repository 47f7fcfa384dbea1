import { expect, test } from '@playwright/test';
import {
  createGroupViaApi,
  delivered,
  expectConnected,
  joinGroupViaApi,
  openGroup,
  registerViaApi,
  sendOverSocket,
  shownSeqs,
  signInWithSession,
  unique,
  uniqueEmail,
} from './support/chat';

test.describe('history', () => {
  test('scrolling to the top loads the older messages and keeps the one on screen where it was', async ({ browser, request }) => {
    const alice = await registerViaApi(request, uniqueEmail('reader'));
    const bob = await registerViaApi(request, uniqueEmail('writer'));
    const group = `history ${unique()}`;
    await createGroupViaApi(request, alice.token, group);
    await joinGroupViaApi(request, bob.token, group);
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto('/login');
      await sendOverSocket(page, bob.token, group, Array.from({ length: 70 }, (_, i) => `old ${i + 1}`));
      await signInWithSession(page, alice);
      await openGroup(page, group);
      await expectConnected(page);
      // The newest page: 50 of the 70.
      await expect(delivered(page)).toHaveCount(50);
      expect((await shownSeqs(page))[0]).toBe(21);
      await expect(page.getByText('Scroll up for older messages')).toBeVisible();

      const viewport = page.getByRole('log', { name: `Messages in ${group}` });
      const firstShown = page.locator('article.message[data-seq="21"]');
      await viewport.evaluate((element) => (element.scrollTop = 0));
      await expect(delivered(page)).toHaveCount(70);
      expect(await shownSeqs(page)).toEqual(Array.from({ length: 70 }, (_, i) => i + 1));
      await expect(page.getByText('Scroll up for older messages')).toHaveCount(0);
      // The message that was at the top is still in view, not pushed down out of it.
      await expect(firstShown).toBeInViewport();
      expect(await viewport.evaluate((element) => element.scrollTop)).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });
});
