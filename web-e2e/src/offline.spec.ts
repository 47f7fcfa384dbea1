import { expect, Page, test } from '@playwright/test';
import {
  createGroupViaApi,
  delivered,
  deliveredText,
  expectConnected,
  groupLink,
  historyViaApi,
  joinGroupViaApi,
  openGroup,
  outgoing,
  send,
  shownSeqs,
  shownTexts,
  tokenOf,
  unique,
  unreadBadge,
} from './support/chat';
import { twoInAGroup } from './support/people';

/** How long the app may take to notice the network is back and catch up. */
const BACK_ONLINE = 10_000;

function reconnecting(page: Page) {
  return page.getByRole('status').filter({ hasText: 'Reconnecting…' });
}

test.describe('offline and back', () => {
  test('messages sent while I was offline all show once, in order, when I am back', async ({ browser, request }) => {
    const { group, alice, bob, bobAccount } = await twoInAGroup(browser, request, 'offline');
    try {
      await send(alice.page, 'before');
      await expect(deliveredText(bob.page, 'before')).toHaveCount(1, { timeout: 1_500 });

      await bob.context.setOffline(true);
      await expect(reconnecting(bob.page)).toBeVisible({ timeout: 5_000 });

      const whileAway = ['away 1', 'away 2', 'away 3', 'away 4', 'away 5'];
      for (const text of whileAway) await send(alice.page, text);
      // Alice's copies are stored (they have a seq) before Bob comes back.
      await expect(delivered(alice.page)).toHaveCount(1 + whileAway.length);
      // Bob, offline, has none of them yet.
      await expect(delivered(bob.page)).toHaveCount(1);

      await bob.context.setOffline(false);
      await expect(reconnecting(bob.page)).toBeHidden({ timeout: BACK_ONLINE });
      await expect(delivered(bob.page)).toHaveCount(1 + whileAway.length, { timeout: BACK_ONLINE });

      // And messages sent after the reconnect arrive live, once.
      await send(alice.page, 'after');
      await expect(deliveredText(bob.page, 'after')).toHaveCount(1, { timeout: 1_500 });

      const expectedTexts = ['before', ...whileAway, 'after'];
      await expect(delivered(bob.page)).toHaveCount(expectedTexts.length);
      expect(await shownTexts(bob.page)).toEqual(expectedTexts);
      const seqs = await shownSeqs(bob.page);
      expect(seqs).toEqual(expectedTexts.map((_, i) => i + 1));
      expect(new Set(seqs).size).toBe(seqs.length);
      // The same as the server's history.
      const history = await historyViaApi(request, bobAccount.token, group);
      expect(history.map((m) => m.text)).toEqual(expectedTexts);
      expect(history.map((m) => m.seq)).toEqual(seqs);
    } finally {
      await alice.context.close();
      await bob.context.close();
    }
  });

  test('a message written while offline waits as "Sending…" and is delivered exactly once when back', async ({ browser, request }) => {
    const { group, alice, bob } = await twoInAGroup(browser, request, 'offline');
    try {
      await send(bob.page, 'online hello');
      await expect(deliveredText(alice.page, 'online hello')).toHaveCount(1, { timeout: 1_500 });

      await bob.context.setOffline(true);
      await expect(reconnecting(bob.page)).toBeVisible({ timeout: 5_000 });

      await send(bob.page, 'written offline');
      // Bob sees it as pending, not as delivered.
      const pending = outgoing(bob.page).filter({ hasText: 'written offline' });
      await expect(pending).toHaveCount(1);
      await expect(pending).toContainText('Sending…');
      await expect(pending).not.toContainText('Not sent');
      await expect(deliveredText(bob.page, 'written offline')).toHaveCount(0);

      // A second one queued behind it keeps its place.
      await send(bob.page, 'also offline');
      await expect(outgoing(bob.page)).toHaveCount(2);

      // Nothing reached the server while Bob was offline.
      const aliceToken = await tokenOf(alice.page);
      expect((await historyViaApi(request, aliceToken, group)).map((m) => m.text)).toEqual(['online hello']);
      await expect(deliveredText(alice.page, 'written offline')).toHaveCount(0);

      await bob.context.setOffline(false);
      await expect(reconnecting(bob.page)).toBeHidden({ timeout: BACK_ONLINE });
      await expect(outgoing(bob.page)).toHaveCount(0, { timeout: BACK_ONLINE });
      await expect(deliveredText(bob.page, 'written offline')).toHaveCount(1);
      await expect(deliveredText(bob.page, 'also offline')).toHaveCount(1);
      await expect(deliveredText(alice.page, 'written offline')).toHaveCount(1, { timeout: BACK_ONLINE });
      await expect(deliveredText(alice.page, 'also offline')).toHaveCount(1, { timeout: BACK_ONLINE });

      // Give any duplicate resend a chance to land, then check every view once more.
      await send(alice.page, 'got them');
      await expect(deliveredText(bob.page, 'got them')).toHaveCount(1, { timeout: 1_500 });
      const expected = ['online hello', 'written offline', 'also offline', 'got them'];
      expect(await shownTexts(alice.page)).toEqual(expected);
      expect(await shownTexts(bob.page)).toEqual(expected);
      expect(await shownSeqs(bob.page)).toEqual([1, 2, 3, 4]);

      const history = await historyViaApi(request, aliceToken, group);
      expect(history.map((m) => m.text)).toEqual(expected);
      expect(history.filter((m) => m.text === 'written offline')).toHaveLength(1);
      expect(new Set(history.map((m) => m.clientMsgId)).size).toBe(history.length);

      // The outbox is empty: a reload does not send anything again.
      await bob.page.reload();
      await openGroup(bob.page, group);
      await expectConnected(bob.page);
      await expect(delivered(bob.page)).toHaveCount(expected.length);
      await expect(outgoing(bob.page)).toHaveCount(0);
      expect((await historyViaApi(request, aliceToken, group)).length).toBe(expected.length);
    } finally {
      await alice.context.close();
      await bob.context.close();
    }
  });

  test('a pending message survives a reload and is sent once the page is back', async ({ browser, request }) => {
    const { group, alice, bob } = await twoInAGroup(browser, request, 'offline');
    try {
      await bob.context.setOffline(true);
      await expect(reconnecting(bob.page)).toBeVisible({ timeout: 5_000 });
      await send(bob.page, 'kept in the outbox');
      await expect(outgoing(bob.page).filter({ hasText: 'kept in the outbox' })).toContainText('Sending…');
      // Stored in this browser so that a reload does not lose it.
      const stored = await bob.page.evaluate(() =>
        Object.keys(localStorage)
          .filter((key) => key.startsWith('chat.outbox.'))
          .map((key) => localStorage.getItem(key))
          .join(''),
      );
      expect(stored).toContain('kept in the outbox');

      await bob.context.setOffline(false);
      await bob.page.reload();
      await openGroup(bob.page, group);
      await expect(deliveredText(bob.page, 'kept in the outbox')).toHaveCount(1, { timeout: BACK_ONLINE });
      await expect(outgoing(bob.page)).toHaveCount(0);
      await expect(deliveredText(alice.page, 'kept in the outbox')).toHaveCount(1, { timeout: BACK_ONLINE });
      const history = await historyViaApi(request, await tokenOf(alice.page), group);
      expect(history.filter((m) => m.text === 'kept in the outbox')).toHaveLength(1);
    } finally {
      await alice.context.close();
      await bob.context.close();
    }
  });

  test('unread counts of groups I was not looking at catch up after reconnecting', async ({ browser, request }) => {
    const { group, alice, bob, aliceAccount, bobAccount } = await twoInAGroup(browser, request, 'offline');
    const other = `elsewhere ${unique()}`;
    await createGroupViaApi(request, aliceAccount.token, other);
    await joinGroupViaApi(request, bobAccount.token, other);
    try {
      await expect(groupLink(bob.page, other)).toBeVisible({ timeout: BACK_ONLINE });
      await bob.context.setOffline(true);
      await expect(reconnecting(bob.page)).toBeVisible({ timeout: 5_000 });

      await openGroup(alice.page, other);
      await send(alice.page, 'while you were away 1');
      await send(alice.page, 'while you were away 2');
      await expect(delivered(alice.page)).toHaveCount(2);

      await bob.context.setOffline(false);
      await expect(reconnecting(bob.page)).toBeHidden({ timeout: BACK_ONLINE });
      await expect(unreadBadge(bob.page, other)).toHaveAttribute('aria-label', '2 unread', { timeout: BACK_ONLINE });
      await expect(unreadBadge(bob.page, group)).toHaveCount(0);
      await openGroup(bob.page, other);
      expect(await shownTexts(bob.page)).toEqual(['while you were away 1', 'while you were away 2']);
      await expect(unreadBadge(bob.page, other)).toHaveCount(0);
    } finally {
      await alice.context.close();
      await bob.context.close();
    }
  });
});
