import { expect, Page, test } from '@playwright/test';
import { createGroupViaApi, delivered, expectConnected, joinGroupViaApi, openGroup, registerViaApi, shownSeqs, signInWithSession, unique, uniqueEmail } from './support/chat';

/** Sends messages over a socket of its own from the page, one after another, each once stored (resent when rate limited). */
async function sendOverSocket(page: Page, token: string, group: string, count: number): Promise<void> {
  await page.evaluate(
    async ({ token, group, count }) => {
      const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(token)}`);
      await new Promise<void>((ready) => (ws.onmessage = (event) => JSON.parse(event.data).event === 'ready' && ready()));
      for (let i = 1; i <= count; i++) {
        const clientMsgId = `history-${i}-${Date.now()}`;
        for (;;) {
          const answer = new Promise<string>((done) => {
            ws.onmessage = (event) => {
              const frame = JSON.parse(event.data);
              if (frame.data?.clientMsgId === clientMsgId) done(frame.event === 'error' ? frame.data.code : 'stored');
            };
          });
          ws.send(JSON.stringify({ event: 'send', data: { group, text: `old ${i}`, clientMsgId } }));
          if ((await answer) === 'stored') break;
          await new Promise((wait) => setTimeout(wait, 1000));
        }
      }
      ws.close();
    },
    { token, group, count },
  );
}

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
      await sendOverSocket(page, bob.token, group, 70);
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
