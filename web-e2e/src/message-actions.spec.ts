import { expect, Locator, Page, test } from '@playwright/test';
import { composer, createGroupViaUi, deliveredText, expectConnected, joinViaBrowse, openGroup, send, unique, unreadBadge } from './support/chat';
import { withTwoInAGroup } from './support/people';

/** Edits and deletes reach the other screen within this (the issue: 2 s). */
const LIVE = 2_000;
/** How long the app may take to notice the network is back and catch up. */
const BACK_ONLINE = 10_000;

/** A delivered message by its text, its actions shown as a mouse shows them. */
async function hovered(page: Page, text: string): Promise<Locator> {
  const message = deliveredText(page, text);
  await message.hover();
  return message;
}

async function editInPlace(page: Page, text: string, edited: string): Promise<void> {
  await (await hovered(page, text)).getByRole('button', { name: 'Edit' }).click();
  const editor = page.getByRole('textbox', { name: 'Edit message' });
  await expect(editor).toBeFocused();
  await editor.fill(edited);
  await editor.press('Enter');
  await expect(editor).toBeHidden();
}

async function deleteConfirmed(page: Page, text: string): Promise<void> {
  await (await hovered(page, text)).getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this message?' });
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(dialog).toBeHidden();
}

function editedMark(message: Locator): Locator {
  return message.locator('.edited');
}

function tombstones(page: Page): Locator {
  return deliveredText(page, 'Message deleted');
}

test.describe('message actions', () => {
  test('an edit and a delete show on the other screen within 2 s; only the sender may edit or delete', async ({ browser, request }) => {
    await withTwoInAGroup(browser, request, 'actions', async ({ alice, bob }) => {
      await send(alice.page, 'Lunch at noon?');
      await send(alice.page, 'Bring the notes');
      await expect(deliveredText(bob.page, 'Bring the notes')).toHaveCount(1, { timeout: LIVE });

      // Bob may only reply to Alice's messages.
      const onBob = await hovered(bob.page, 'Lunch at noon?');
      await expect(onBob.getByRole('button', { name: 'Reply' })).toBeVisible();
      await expect(onBob.getByRole('button', { name: 'Edit' })).toHaveCount(0);
      await expect(onBob.getByRole('button', { name: 'Delete' })).toHaveCount(0);

      await editInPlace(alice.page, 'Lunch at noon?', 'Lunch at one?');
      await expect(editedMark(deliveredText(alice.page, 'Lunch at one?'))).toHaveText('(edited)');
      await expect(deliveredText(bob.page, 'Lunch at one?')).toHaveCount(1, { timeout: LIVE });
      await expect(editedMark(deliveredText(bob.page, 'Lunch at one?'))).toHaveText('(edited)');
      await expect(deliveredText(bob.page, 'Lunch at noon?')).toHaveCount(0);

      // The Up arrow in the empty composer edits her last message; Escape leaves it as it was.
      await composer(alice.page).press('ArrowUp');
      const editor = alice.page.getByRole('textbox', { name: 'Edit message' });
      await expect(editor).toHaveValue('Bring the notes');
      await editor.press('Escape');
      await expect(editor).toBeHidden();
      await expect(composer(alice.page)).toBeFocused();
      await composer(alice.page).press('ArrowUp');
      await editor.fill('Bring the notes, please');
      await editor.press('Enter');
      await expect(deliveredText(bob.page, 'Bring the notes, please')).toHaveCount(1, { timeout: LIVE });

      await deleteConfirmed(alice.page, 'Lunch at one?');
      await expect(tombstones(alice.page)).toHaveCount(1);
      await expect(tombstones(bob.page)).toHaveCount(1, { timeout: LIVE });
      await expect(deliveredText(bob.page, 'Lunch at one?')).toHaveCount(0);
      // A deleted message has no actions.
      await tombstones(bob.page).hover();
      await expect(tombstones(bob.page).getByRole('button')).toHaveCount(0);
    });
  });

  test('an edit and a delete made while I was offline show when I am back', async ({ browser, request }) => {
    await withTwoInAGroup(browser, request, 'asleep', async ({ alice, bob }) => {
      await send(alice.page, 'First draft');
      await send(alice.page, 'Wrong room');
      await expect(deliveredText(bob.page, 'Wrong room')).toHaveCount(1, { timeout: LIVE });

      await bob.context.setOffline(true);
      await expect(bob.page.getByRole('status').filter({ hasText: 'Reconnecting…' })).toBeVisible({ timeout: 5_000 });
      await editInPlace(alice.page, 'First draft', 'Final version');
      await deleteConfirmed(alice.page, 'Wrong room');
      await expect(deliveredText(bob.page, 'First draft')).toHaveCount(1); // still asleep

      await bob.context.setOffline(false);
      await expectConnected(bob.page, BACK_ONLINE);
      await expect(deliveredText(bob.page, 'Final version')).toHaveCount(1, { timeout: BACK_ONLINE });
      await expect(editedMark(deliveredText(bob.page, 'Final version'))).toHaveText('(edited)');
      await expect(tombstones(bob.page)).toHaveCount(1);
      await expect(deliveredText(bob.page, 'Wrong room')).toHaveCount(0);

      // Closed and opened again, the page shows the same.
      await bob.page.reload();
      await expect(deliveredText(bob.page, 'Final version')).toHaveCount(1, { timeout: BACK_ONLINE });
      await expect(tombstones(bob.page)).toHaveCount(1);
    });
  });

  test('a reply quotes its original, and the quote says "deleted" once the original is deleted', async ({ browser, request }) => {
    await withTwoInAGroup(browser, request, 'replies', async ({ alice, bob }) => {
      await send(alice.page, 'Who has the keys?');
      await (await hovered(bob.page, 'Who has the keys?')).getByRole('button', { name: 'Reply' }).click();
      const replying = bob.page.getByRole('status').filter({ hasText: 'Replying to' });
      await expect(replying).toContainText('Who has the keys?');
      await expect(composer(bob.page)).toBeFocused();
      await send(bob.page, 'I do');
      await expect(replying).toBeHidden();

      const reply = deliveredText(alice.page, 'I do');
      await expect(reply).toHaveCount(1, { timeout: LIVE });
      const quote = reply.getByRole('button', { name: /^Reply to / });
      await expect(quote).toContainText('Who has the keys?');
      // Pressing the quote shows the original.
      await quote.click();
      await expect(deliveredText(alice.page, 'Who has the keys?')).toBeFocused();

      await editInPlace(alice.page, 'Who has the keys?', 'Who has the car keys?');
      await expect(deliveredText(bob.page, 'I do').getByRole('button', { name: /^Reply to / })).toContainText('Who has the car keys?', {
        timeout: LIVE,
      });

      await deleteConfirmed(alice.page, 'Who has the car keys?');
      for (const page of [alice.page, bob.page]) {
        await expect(deliveredText(page, 'I do').getByRole('button', { name: /^Reply to / })).toContainText('Message deleted', { timeout: LIVE });
      }
    });
  });

  test('the unread badge goes down when an unread message is deleted', async ({ browser, request }) => {
    await withTwoInAGroup(browser, request, 'unread', async ({ group, alice, bob }) => {
      const elsewhere = `elsewhere ${unique()}`;
      // Bob looks at another group of his while Alice writes.
      await createGroupViaUi(alice.page, elsewhere);
      await openGroup(alice.page, group);
      await joinViaBrowse(bob.page, elsewhere);

      await send(alice.page, 'One');
      await send(alice.page, 'Two');
      await send(alice.page, 'Three');
      await expect(unreadBadge(bob.page, group)).toHaveText('3', { timeout: LIVE });

      await deleteConfirmed(alice.page, 'Two');
      await expect(unreadBadge(bob.page, group)).toHaveText('2', { timeout: LIVE });

      // Opening the group shows the two and where the third was.
      await openGroup(bob.page, group);
      await expect(deliveredText(bob.page, 'One')).toHaveCount(1);
      await expect(tombstones(bob.page)).toHaveCount(1);
      await expect(unreadBadge(bob.page, group)).toHaveCount(0);
    });
  });
});
