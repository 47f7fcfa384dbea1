import { expect, test } from '@playwright/test';
import {
  chatIsShown,
  composer,
  createGroupViaApi,
  createGroupViaUi,
  defaultDisplayName,
  delivered,
  deliveredText,
  expectConnected,
  groupLink,
  historyViaApi,
  joinGroupViaApi,
  joinViaBrowse,
  newPerson,
  openGroup,
  paneHeading,
  registerViaApi,
  registerViaUi,
  send,
  shownSeqs,
  shownTexts,
  signInWithSession,
  unique,
  uniqueEmail,
  unreadBadge,
} from './support/chat';

/** "Within a second", with some slack for a busy 2-core machine. */
const LIVE = 1_500;

test.describe('two people chatting', () => {
  test('register, create and join a group, see each other’s messages live and who is typing', async ({ browser }) => {
    const alice = await newPerson(browser);
    const bob = await newPerson(browser);
    try {
      const aliceEmail = uniqueEmail('alice');
      const bobEmail = uniqueEmail('bob');
      const group = `team ${unique()}`;

      await registerViaUi(alice.page, aliceEmail);
      await registerViaUi(bob.page, bobEmail);
      // A new account has no group yet and is told so.
      await expect(bob.page.getByRole('heading', { name: 'No groups yet' })).toBeVisible();

      await createGroupViaUi(alice.page, group);
      await expect(groupLink(alice.page, group)).toBeVisible();
      await expect(alice.page.getByText('No messages yet. Say hello!')).toBeVisible();

      // Bob finds the group in the browse list and joins it.
      await joinViaBrowse(bob.page, group);
      await expect(groupLink(bob.page, group)).toBeVisible();
      await expectConnected(alice.page);
      await expectConnected(bob.page);

      // Alice sees Bob arrive in the member list, online.
      const aliceMembers = alice.page.getByRole('list', { name: 'Members' });
      await expect(aliceMembers.getByRole('listitem').filter({ hasText: defaultDisplayName(bobEmail) })).toContainText('(online)');
      await expect(alice.page.locator('.head .count')).toHaveText('2 members');

      // Alice starts typing: Bob is told.
      await composer(alice.page).pressSequentially('Hi Bob');
      const typingOnBob = bob.page.getByText(`${defaultDisplayName(aliceEmail)} is typing…`);
      await expect(typingOnBob).toBeVisible({ timeout: LIVE });

      // She sends it: Bob has it within a second, and the typing line goes away.
      await composer(alice.page).press('Enter');
      await expect(deliveredText(bob.page, 'Hi Bob')).toHaveCount(1, { timeout: LIVE });
      await expect(typingOnBob).toBeHidden({ timeout: LIVE });
      await expect(deliveredText(bob.page, 'Hi Bob').locator('.sender')).toHaveText(defaultDisplayName(aliceEmail));
      await expect(deliveredText(alice.page, 'Hi Bob')).toHaveCount(1, { timeout: LIVE });
      await expect(deliveredText(alice.page, 'Hi Bob').locator('.sender')).toHaveText('You');

      // Bob answers; Alice sees the typing and then the reply.
      await composer(bob.page).pressSequentially('Hello Alice');
      await expect(alice.page.getByText(`${defaultDisplayName(bobEmail)} is typing…`)).toBeVisible({ timeout: LIVE });
      await composer(bob.page).press('Enter');
      await expect(deliveredText(alice.page, 'Hello Alice')).toHaveCount(1, { timeout: LIVE });

      // A few more each way, each seen by the other within a second.
      for (const [from, to, text] of [
        [alice, bob, 'How is the release going?'],
        [bob, alice, 'Almost there, tests are green'],
        [alice, bob, 'Great!'],
      ] as const) {
        await send(from.page, text);
        await expect(deliveredText(to.page, text)).toHaveCount(1, { timeout: LIVE });
      }

      // Both screens show the same conversation in the same order.
      const expected = ['Hi Bob', 'Hello Alice', 'How is the release going?', 'Almost there, tests are green', 'Great!'];
      await expect(delivered(alice.page)).toHaveCount(expected.length);
      await expect(delivered(bob.page)).toHaveCount(expected.length);
      expect(await shownTexts(alice.page)).toEqual(expected);
      expect(await shownTexts(bob.page)).toEqual(expected);
      expect(await shownSeqs(alice.page)).toEqual([1, 2, 3, 4, 5]);
      expect(await shownSeqs(bob.page)).toEqual([1, 2, 3, 4, 5]);
      await expect(alice.page.getByText('Sending…')).toHaveCount(0);
    } finally {
      await alice.context.close();
      await bob.context.close();
    }
  });

  test('Shift+Enter adds a line and Enter sends it as one message; an empty message cannot be sent', async ({ page, request }) => {
    const me = await registerViaApi(request, uniqueEmail('lines'));
    const group = `lines ${unique()}`;
    await createGroupViaApi(request, me.token, group);
    await signInWithSession(page, me);
    await openGroup(page, group);
    await expectConnected(page);

    await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
    await composer(page).fill('   ');
    await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
    await composer(page).press('Enter');
    await expect(delivered(page)).toHaveCount(0);

    await composer(page).fill('first line');
    await composer(page).press('Shift+Enter');
    await composer(page).pressSequentially('second line');
    await expect(composer(page)).toHaveValue('first line\nsecond line');
    await expect(delivered(page)).toHaveCount(0);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(delivered(page)).toHaveCount(1);
    expect(await shownTexts(page)).toEqual(['first line\nsecond line']);
  });

  test('several messages sent in quick succession each leave the box empty and go out once', async ({ page, request }) => {
    const me = await registerViaApi(request, uniqueEmail('quick'));
    const group = `quick ${unique()}`;
    await createGroupViaApi(request, me.token, group);
    await signInWithSession(page, me);
    await openGroup(page, group);
    await expectConnected(page);
    const box = composer(page);
    const sendButton = page.getByRole('button', { name: 'Send' });

    // A paste and Enter in one go, before the view has caught up with the input: the
    // box once kept the text (Send disabled) and the next keystroke sent it again.
    const pasted = ['one', 'two', 'three', 'four', 'five'];
    for (const text of pasted) {
      await box.evaluate((element, value) => {
        const field = element as HTMLTextAreaElement;
        field.value = value;
        field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste', data: value }));
        field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true }));
      }, text);
      await expect(box).toHaveValue('');
      await expect(sendButton).toBeDisabled();
    }
    // Typed on the keyboard as fast as it goes.
    const typed = ['six', 'seven', 'eight'];
    for (const text of typed) {
      await box.focus();
      await page.keyboard.insertText(text);
      await page.keyboard.press('Enter');
      await expect(box).toHaveValue('');
    }

    const all = [...pasted, ...typed];
    await expect(delivered(page)).toHaveCount(all.length);
    expect(await shownTexts(page)).toEqual(all);
    expect((await historyViaApi(request, me.token, group)).map((message) => message.text)).toEqual(all);
  });
});

test.describe('unread counts', () => {
  test('rise in a group that is not open and clear when it is opened', async ({ browser, request }) => {
    const aliceAccount = await registerViaApi(request, uniqueEmail('alice'));
    const bobAccount = await registerViaApi(request, uniqueEmail('bob'));
    const lobby = `lobby ${unique()}`;
    const side = `side ${unique()}`;
    for (const name of [lobby, side]) {
      await createGroupViaApi(request, aliceAccount.token, name);
      await joinGroupViaApi(request, bobAccount.token, name);
    }

    const alice = await newPerson(browser);
    const bob = await newPerson(browser);
    try {
      await signInWithSession(alice.page, aliceAccount);
      await signInWithSession(bob.page, bobAccount);
      await expect(groupLink(bob.page, lobby)).toBeVisible();
      await expect(groupLink(bob.page, side)).toBeVisible();
      // Joining does not make old history unread: no badges to start with.
      await expect(unreadBadge(bob.page, lobby)).toHaveCount(0);
      await expect(unreadBadge(bob.page, side)).toHaveCount(0);

      await openGroup(bob.page, lobby);
      await openGroup(alice.page, side);
      await expectConnected(alice.page);
      await expectConnected(bob.page);

      // Messages in the group Bob is not looking at count up.
      await send(alice.page, 'one');
      await expect(unreadBadge(bob.page, side)).toHaveAttribute('aria-label', '1 unread', { timeout: LIVE });
      await send(alice.page, 'two');
      await send(alice.page, 'three');
      await expect(unreadBadge(bob.page, side)).toHaveAttribute('aria-label', '3 unread', { timeout: LIVE });
      await expect(unreadBadge(bob.page, side)).toHaveText('3');

      // A message in the group Bob has open does not count.
      await openGroup(alice.page, lobby);
      await send(alice.page, 'in the open group');
      await expect(deliveredText(bob.page, 'in the open group')).toBeVisible({ timeout: LIVE });
      await expect(unreadBadge(bob.page, lobby)).toHaveCount(0);
      await expect(unreadBadge(bob.page, side)).toHaveAttribute('aria-label', '3 unread');

      // Opening the group shows the messages and clears the count.
      await openGroup(bob.page, side);
      await expect(delivered(bob.page)).toHaveCount(3);
      expect(await shownTexts(bob.page)).toEqual(['one', 'two', 'three']);
      await expect(unreadBadge(bob.page, side)).toHaveCount(0);

      // The server remembers it was read: a reload shows no badge either.
      await bob.page.reload();
      await expect(chatIsShown(bob.page)).toBeVisible();
      await expect(groupLink(bob.page, side)).toBeVisible();
      await expect(groupLink(bob.page, lobby)).toBeVisible();
      await expect(unreadBadge(bob.page, side)).toHaveCount(0);
      await expect(unreadBadge(bob.page, lobby)).toHaveCount(0);
    } finally {
      await alice.context.close();
      await bob.context.close();
    }
  });
});

test.describe('reload', () => {
  test('keeps the session and the history', async ({ browser }) => {
    const alice = await newPerson(browser);
    const bob = await newPerson(browser);
    try {
      const aliceEmail = uniqueEmail('alice');
      const bobEmail = uniqueEmail('bob');
      const group = `history ${unique()}`;
      await registerViaUi(alice.page, aliceEmail);
      await registerViaUi(bob.page, bobEmail);
      await createGroupViaUi(alice.page, group);
      await joinViaBrowse(bob.page, group);
      await expectConnected(alice.page);
      await expectConnected(bob.page);

      await send(alice.page, 'before the reload, from Alice');
      await expect(deliveredText(bob.page, 'before the reload, from Alice')).toBeVisible({ timeout: LIVE });
      await send(bob.page, 'before the reload, from Bob');
      await send(alice.page, 'and Alice again');
      await expect(delivered(alice.page)).toHaveCount(3, { timeout: LIVE });
      const textsBefore = await shownTexts(alice.page);
      const seqsBefore = await shownSeqs(alice.page);

      await alice.page.reload();
      // Still signed in as Alice, not sent back to the sign-in page.
      await expect(chatIsShown(alice.page)).toBeVisible();
      await expect(alice.page).not.toHaveURL(/\/login/);
      await expect(alice.page.getByText(aliceEmail)).toBeVisible();
      await expect(groupLink(alice.page, group)).toBeVisible();

      if (!(await paneHeading(alice.page, group).isVisible())) await openGroup(alice.page, group);
      await expect(delivered(alice.page)).toHaveCount(3);
      expect(await shownTexts(alice.page)).toEqual(textsBefore);
      expect(await shownSeqs(alice.page)).toEqual(seqsBefore);
      await expect(deliveredText(alice.page, 'before the reload, from Bob').locator('.sender')).toHaveText(defaultDisplayName(bobEmail));

      // And the live connection is back: Bob's next message arrives.
      await expectConnected(alice.page);
      await send(bob.page, 'after the reload');
      await expect(deliveredText(alice.page, 'after the reload')).toHaveCount(1, { timeout: LIVE });

      // Signing out ends the session for good: a reload stays on the sign-in page.
      await alice.page.getByRole('button', { name: 'Sign out' }).click();
      await expect(alice.page).toHaveURL(/\/login/);
      await alice.page.reload();
      await expect(alice.page).toHaveURL(/\/login/);
      await expect(alice.page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    } finally {
      await alice.context.close();
      await bob.context.close();
    }
  });
});
