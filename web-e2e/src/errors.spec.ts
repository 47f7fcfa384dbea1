import { expect, test } from '@playwright/test';
import {
  chatIsShown,
  createGroupViaApi,
  expectConnected,
  groupLink,
  paneHeading,
  PASSWORD,
  registerViaApi,
  signInViaUi,
  signInWithSession,
  tryLogin,
  unique,
  uniqueEmail,
} from './support/chat';

test.describe('sign-in errors a person can read', () => {
  test('a wrong password says so and keeps me on the sign-in page', async ({ page, request }) => {
    const account = await registerViaApi(request, uniqueEmail('wrongpw'));

    await tryLogin(page, account.email, 'not the password', 'Sign in');
    const alert = page.getByRole('alert');
    await expect(alert).toHaveText('Wrong email or password.');
    await expect(page).toHaveURL(/\/login/);
    await expect(chatIsShown(page)).toHaveCount(0);

    // An unknown email gets the very same answer (no hint about which accounts exist).
    await tryLogin(page, uniqueEmail('nobody'), PASSWORD, 'Sign in');
    await expect(page.getByRole('alert')).toHaveText('Wrong email or password.');

    // The right password still works after a mistake.
    await signInViaUi(page, account.email);
    await expect(page.getByText(account.email)).toBeVisible();
  });

  test('creating an account that exists says so', async ({ page, request }) => {
    const account = await registerViaApi(request, uniqueEmail('taken'));

    // Case and surrounding spaces do not make a different account.
    await tryLogin(page, account.email.toUpperCase(), PASSWORD, 'Create account');
    await expect(page.getByRole('alert')).toHaveText('An account with this email already exists. Sign in instead.');
    await expect(page).toHaveURL(/\/login/);
    await expect(chatIsShown(page)).toHaveCount(0);
  });

  test('the form explains what is missing before asking the server', async ({ page }) => {
    await page.goto('/login');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Enter your email.')).toBeVisible();
    await expect(page.getByText('Enter your password.')).toBeVisible();

    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByText('Enter a valid email address.')).toBeVisible();
    await expect(page.getByText('Use 8 to 128 characters.')).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });

  test('the chat needs a session: without one it opens the sign-in page', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole('heading', { name: 'Chat' })).toBeVisible();
  });

  test('signing out in another tab ends the session in this one too', async ({ page, request }) => {
    const account = await registerViaApi(request, uniqueEmail('revoked'));
    await signInWithSession(page, account);
    await expectConnected(page);

    // Same browser, second tab: sign out there. The server revokes the token and
    // closes its WebSockets with 4401 (CONTRACT.md, POST /api/auth/logout).
    const otherTab = await page.context().newPage();
    await otherTab.goto('/');
    await otherTab.getByRole('button', { name: 'Sign out' }).click();
    await expect(otherTab).toHaveURL(/\/login/);

    // This tab must not go on looking signed in (and connected) with a dead session.
    await expect(page, 'the first tab returns to the sign-in page after its socket closed with 4401').toHaveURL(/\/login/, {
      timeout: 10_000,
    });
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  });
});

test.describe('group errors a person can read', () => {
  test('creating a group with a taken name shows the conflict', async ({ page, request }) => {
    const owner = await registerViaApi(request, uniqueEmail('owner'));
    const name = `taken ${unique()}`;
    await createGroupViaApi(request, owner.token, name);

    const other = await registerViaApi(request, uniqueEmail('other'));
    await signInWithSession(page, other);
    // Names are unique regardless of case.
    const attempt = name.toUpperCase();
    await page.getByLabel('New group').first().fill(attempt);
    await page.getByRole('button', { name: 'Create', exact: true }).first().click();
    await expect(page.getByText(`A group named "${attempt}" already exists. Browse groups to join it.`)).toBeVisible();
    // Nothing was created or joined.
    await expect(groupLink(page, name)).toHaveCount(0);
    await expect(groupLink(page, attempt)).toHaveCount(0);
    await expect(paneHeading(page, attempt)).toHaveCount(0);

    // Editing the name clears the message.
    await page.getByLabel('New group').first().fill(`${name} two`);
    await expect(page.getByText(/already exists/)).toHaveCount(0);
  });

  test('an invalid group name is explained without a request', async ({ page, request }) => {
    const me = await registerViaApi(request, uniqueEmail('badname'));
    await signInWithSession(page, me);
    await page.getByLabel('New group').first().fill('-nope!');
    await page.getByRole('button', { name: 'Create', exact: true }).first().click();
    await expect(page.getByText('Letters, digits, spaces, - _ and . only, starting with a letter or digit.').first()).toBeVisible();
    await expect(page.getByRole('heading', { name: 'No groups yet' })).toBeVisible();
  });
});
