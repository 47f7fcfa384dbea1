import { expect, test } from '@playwright/test';
import { composer, createGroupViaApi, deliveredText, groupLink, historyViaApi, joinGroupViaApi, openGroup, unique, unreadBadge } from './support/chat';
import { withTwoInAGroup } from './support/people';

/** A message reaches the other screen within this. */
const LIVE = 2_000;

test.describe('mentions', () => {
  test('picked from the list with the keyboard, a mention reaches Ben highlighted, with a mention badge', async ({ browser, request }) => {
    await withTwoInAGroup(
      browser,
      request,
      'mentions',
      async ({ group, alice, bob, aliceAccount, bobAccount }) => {
        // Ben looks at another group while Ana writes.
        const elsewhere = `elsewhere ${unique()}`;
        await createGroupViaApi(request, bobAccount.token, elsewhere);
        await expect(groupLink(bob.page, elsewhere)).toBeVisible();
        await openGroup(bob.page, elsewhere);

        const box = composer(alice.page);
        await box.pressSequentially('Can you review the release notes, @Be');
        const options = alice.page.getByRole('listbox', { name: 'People to mention' }).getByRole('option');
        await expect(options).toHaveText(['Ben Ortiz']);
        await expect(options.first()).toHaveAttribute('aria-selected', 'true');
        await box.press('ArrowDown');
        await box.press('Enter');
        await expect(options).toHaveCount(0);
        await expect(box).toHaveValue('Can you review the release notes, @Ben Ortiz ');
        await box.pressSequentially('please?');
        await box.press('Enter');
        await expect(box).toHaveValue('');

        // What was sent holds the token, not the name.
        const shown = 'Can you review the release notes, @Ben Ortiz please?';
        await expect(deliveredText(alice.page, shown)).toHaveCount(1, { timeout: LIVE });
        const sent = (await historyViaApi(request, aliceAccount.token, group)).at(-1);
        expect(sent?.text).toBe(`Can you review the release notes, <@${bobAccount.user.id}> please?`);

        // Ben: a mention badge beside the unread count, apart from it.
        const mentionBadge = groupLink(bob.page, group).locator('[aria-label="1 mention"]');
        await expect(mentionBadge).toHaveText('@1', { timeout: LIVE });
        await expect(unreadBadge(bob.page, group)).toHaveText('1');
        await expect(groupLink(bob.page, elsewhere).locator('[aria-label$=" mention"], [aria-label$=" mentions"]')).toHaveCount(0);

        // Opened, the message stands out and the mention of him reads as his name.
        await openGroup(bob.page, group);
        const message = deliveredText(bob.page, shown);
        await expect(message).toHaveClass(/mentions-me/);
        await expect(message.locator('.mention.me')).toHaveText('@Ben Ortiz');
        await expect(mentionBadge).toHaveCount(0);
        // Ana sees the mention as a name too, not as one of her own.
        await expect(deliveredText(alice.page, shown).locator('.mention')).toHaveText('@Ben Ortiz');
        await expect(deliveredText(alice.page, shown).locator('.mention.me')).toHaveCount(0);
        await expect(deliveredText(alice.page, shown)).not.toHaveClass(/mentions-me/);
      },
      { names: { alice: 'Ana Silva', bob: 'Ben Ortiz' } },
    );
  });

  test('an edit keeps the mention as a name in the box and as a token on the server; taking it out lowers the badge', async ({ browser, request }) => {
    await withTwoInAGroup(
      browser,
      request,
      'mention edits',
      async ({ group, alice, bob, aliceAccount, bobAccount }) => {
        const elsewhere = `elsewhere ${unique()}`;
        await createGroupViaApi(request, aliceAccount.token, elsewhere);
        await joinGroupViaApi(request, bobAccount.token, elsewhere);
        await expect(groupLink(bob.page, elsewhere)).toBeVisible();
        await openGroup(bob.page, elsewhere);

        const box = composer(alice.page);
        await box.pressSequentially('Lunch, @Ben');
        await box.press('Tab');
        await box.pressSequentially('?');
        await box.press('Enter');
        const mentionBadge = groupLink(bob.page, group).locator('[aria-label="1 mention"]');
        await expect(mentionBadge).toHaveText('@1', { timeout: LIVE });

        await deliveredText(alice.page, 'Lunch, @Ben Ortiz ?').hover();
        await deliveredText(alice.page, 'Lunch, @Ben Ortiz ?').getByRole('button', { name: 'Edit' }).click();
        const editor = alice.page.getByRole('textbox', { name: 'Edit message' });
        await expect(editor).toHaveValue('Lunch, @Ben Ortiz ?');
        await editor.fill('Lunch, @Ben Ortiz ? At noon');
        await editor.press('Enter');
        await expect(deliveredText(alice.page, 'Lunch, @Ben Ortiz ? At noon')).toHaveCount(1);
        expect((await historyViaApi(request, aliceAccount.token, group)).at(-1)?.text).toBe(`Lunch, <@${bobAccount.user.id}> ? At noon`);
        await expect(mentionBadge).toHaveText('@1');

        await deliveredText(alice.page, 'Lunch, @Ben Ortiz ? At noon').hover();
        await deliveredText(alice.page, 'Lunch, @Ben Ortiz ? At noon').getByRole('button', { name: 'Edit' }).click();
        await editor.fill('Lunch at noon, anyone?');
        await editor.press('Enter');
        await expect(groupLink(bob.page, group).locator('[aria-label$=" mention"]')).toHaveCount(0, { timeout: LIVE });
        await expect(unreadBadge(bob.page, group)).toHaveText('1');
      },
      { names: { alice: 'Ana Silva', bob: 'Ben Ortiz' } },
    );
  });
});
