import { BrowserContext, expect, Page, test } from '@playwright/test';
import { composer, createGroupViaApi, dmHeading, groupLink, newPerson, openGroup, paneHeading, registerViaApi, send, signInWithSession, unique, uniqueEmail } from './support/chat';
import { withTwoInAGroup } from './support/people';

/** A notification shows within this. */
const LIVE = 2_000;

interface Recorded {
  notifications: { title: string; body: string }[];
  permissionRequests: number;
}

/**
 * Before any page script: the page can be made to report itself hidden
 * (a background tab), and every Notification it makes is recorded while
 * the browser's own still runs, as is every permission request.
 */
async function watchNotifications(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    let hidden = false;
    Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
    Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => hidden });
    w['__setHidden'] = (value: boolean) => {
      hidden = value;
      document.dispatchEvent(new Event('visibilitychange'));
    };
    const recorded = { notifications: [] as { title: string; body: string }[], permissionRequests: 0 };
    const made: Notification[] = [];
    w['__recorded'] = recorded;
    w['__made'] = made;
    const Real = window.Notification;
    class Recording extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        recorded.notifications.push({ title, body: options?.body ?? '' });
        made.push(this);
      }
      static override requestPermission(...args: Parameters<typeof Notification.requestPermission>): Promise<NotificationPermission> {
        recorded.permissionRequests++;
        return Real.requestPermission(...args);
      }
    }
    w['Notification'] = Recording;
  });
}

const recorded = (page: Page) => page.evaluate(() => (window as unknown as { __recorded: Recorded }).__recorded);
const setHidden = (page: Page, hidden: boolean) => page.evaluate((value) => (window as unknown as { __setHidden: (v: boolean) => void }).__setHidden(value), hidden);

test.describe('notifications', () => {
  test('a mention of me while the tab is hidden shows a notification; a click on it opens the group; the title counts unread', async ({ browser, request }) => {
    await withTwoInAGroup(
      browser,
      request,
      'notify',
      async ({ group, alice, bob, bobAccount }) => {
        // Allowed in the browser already: on, without anything asked on load.
        await expect(bob.page.getByRole('button', { name: /Notifications of mentions and direct messages are on/ })).toHaveAttribute('aria-pressed', 'true');
        expect((await recorded(bob.page)).permissionRequests).toBe(0);
        const elsewhere = `elsewhere ${unique()}`;
        await createGroupViaApi(request, bobAccount.token, elsewhere);
        await expect(groupLink(bob.page, elsewhere)).toBeVisible();
        await openGroup(bob.page, elsewhere);

        // In view: no notification.
        const mention = async (text: string) => {
          await composer(alice.page).pressSequentially('@Ben');
          await composer(alice.page).press('Enter');
          await send(alice.page, `${await composer(alice.page).inputValue()}${text}`);
        };
        await mention('are you there?');
        await expect(groupLink(bob.page, group).locator('[aria-label="1 mention"]')).toBeVisible({ timeout: LIVE });
        expect((await recorded(bob.page)).notifications).toEqual([]);
        await expect(bob.page).toHaveTitle('(1) Chat');

        await setHidden(bob.page, true);
        await send(alice.page, 'A message for everyone');
        await mention('the build is green, ship it?');
        await expect.poll(async () => (await recorded(bob.page)).notifications, { timeout: LIVE }).toEqual([
          { title: `Ana Silva in #${group}`, body: '@Ben Ortiz the build is green, ship it?' },
        ]);

        await expect(bob.page).toHaveTitle('(3) Chat');

        // Its click brings the tab forward and opens the group.
        await bob.page.evaluate(() => {
          const made = (window as unknown as { __made: Notification[] }).__made;
          made[0].onclick?.call(made[0], new Event('click'));
        });
        await setHidden(bob.page, false);
        await expect(paneHeading(bob.page, group)).toBeVisible();
        await expect(bob.page).toHaveTitle('Chat');
        expect((await recorded(bob.page)).permissionRequests).toBe(0);
      },
      {
        names: { alice: 'Ana Silva', bob: 'Ben Ortiz' },
        bobContext: { permissions: ['notifications'] },
        bobSetup: watchNotifications,
      },
    );
  });

  test('every message of a dm while the tab is hidden shows a notification from its sender; a click opens the dm', async ({ browser, request }) => {
    await withTwoInAGroup(
      browser,
      request,
      'notify dm',
      async ({ alice, bob }) => {
        await setHidden(bob.page, true);
        await alice.page.getByRole('list', { name: 'Members' }).getByRole('button', { name: 'Message Ben Ortiz' }).click();
        await expect(dmHeading(alice.page, 'Ben Ortiz')).toBeVisible();
        await send(alice.page, 'Are you free at 3?');
        await expect.poll(async () => (await recorded(bob.page)).notifications, { timeout: LIVE }).toEqual([{ title: 'Ana Silva', body: 'Are you free at 3?' }]);
        await bob.page.evaluate(() => {
          const made = (window as unknown as { __made: Notification[] }).__made;
          made[0].onclick?.call(made[0], new Event('click'));
        });
        await setHidden(bob.page, false);
        await expect(dmHeading(bob.page, 'Ana Silva')).toBeVisible();
        await expect(bob.page).toHaveTitle('Chat');
      },
      {
        names: { alice: 'Ana Silva', bob: 'Ben Ortiz' },
        bobContext: { permissions: ['notifications'] },
        bobSetup: watchNotifications,
      },
    );
  });

  test('the browser is asked for permission only when the bell is pressed, never on load', async ({ browser, request }) => {
    const account = await registerViaApi(request, uniqueEmail('asked'));
    const { context, page } = await newPerson(browser);
    try {
      await watchNotifications(context);
      await signInWithSession(page, account);
      await page.reload();
      const bell = page.getByRole('button', { name: 'Turn on notifications of mentions and direct messages' });
      await expect(bell).toHaveAttribute('aria-pressed', 'false');
      expect((await recorded(page)).permissionRequests).toBe(0);
      await bell.click();
      await expect.poll(async () => (await recorded(page)).permissionRequests).toBe(1);
    } finally {
      await context.close();
    }
  });
});
