import { APIRequestContext, Browser, expect, Page, test } from '@playwright/test';
import {
  Account,
  createGroupViaApi,
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
  registerViaApi,
  send,
  signInWithSession,
  unique,
  uniqueEmail,
} from './support/chat';

/** A message reaches the other screen within this. */
const LIVE = 2_000;

/** The dms the account has, as the server lists them (newest activity first). */
async function dmsViaApi(request: APIRequestContext, account: Account): Promise<{ name: string; members: { id: string }[] }[]> {
  const response = await request.get('/api/dms', { headers: { Authorization: `Bearer ${account.token}` } });
  expect(response.status(), await response.text()).toBe(200);
  return response.json();
}

/** Ana, Ben and Cid, in one new group, each signed in in their own browser and looking at it. */
async function threeInAGroup(browser: Browser, request: APIRequestContext) {
  const accounts = {
    ana: await registerViaApi(request, uniqueEmail('ana'), 'Ana Silva'),
    ben: await registerViaApi(request, uniqueEmail('ben'), 'Ben Ortiz'),
    cid: await registerViaApi(request, uniqueEmail('cid'), 'Cid Moreau'),
  };
  const group = `team ${unique()}`;
  await createGroupViaApi(request, accounts.ana.token, group);
  await joinGroupViaApi(request, accounts.ben.token, group);
  await joinGroupViaApi(request, accounts.cid.token, group);
  const people = { ana: await newPerson(browser), ben: await newPerson(browser), cid: await newPerson(browser) };
  for (const who of ['ana', 'ben', 'cid'] as const) {
    await signInWithSession(people[who].page, accounts[who]);
    await openGroup(people[who].page, group);
    await expectConnected(people[who].page);
  }
  const close = async () => {
    for (const person of Object.values(people)) await person.context.close();
  };
  return { group, accounts, ana: people.ana.page, ben: people.ben.page, cid: people.cid.page, people, close };
}

/** No dm listed on this page. */
async function expectNoDms(page: Page): Promise<void> {
  await expect(myDms(page).getByRole('link')).toHaveCount(0);
  await expect(page.getByText('None yet. Press “Message” beside someone in a group')).toBeVisible();
}

/** Browse all groups never offers a dm, not even to its members. */
async function expectNotBrowsable(page: Page, dmName: string): Promise<void> {
  await page.getByRole('button', { name: 'Browse all groups' }).click();
  const browse = page.getByRole('dialog', { name: 'Browse groups' });
  await browse.getByLabel('Filter').fill('@');
  await expect(browse.getByRole('listitem').filter({ hasText: dmName })).toHaveCount(0);
  await expect(browse.getByRole('button', { name: 'Join' })).toHaveCount(0);
  await browse.getByRole('button', { name: 'Close' }).click();
  await expect(browse).toBeHidden();
}

test.describe('direct messages', () => {
  test('Ana opens a dm with Ben from the member list; Ben sees it appear with an unread badge and answers; Cid sees nothing of it', async ({ browser, request }) => {
    const { group, accounts, ana, ben, cid, people, close } = await threeInAGroup(browser, request);
    try {
      // Nobody has a dm yet.
      for (const page of [ana, ben, cid]) await expectNoDms(page);

      // Ana: "Message" on Ben in the member list (none on herself).
      const members = ana.getByRole('list', { name: 'Members' });
      await expect(members.getByRole('button', { name: 'Message Ana Silva' })).toHaveCount(0);
      await members.getByRole('listitem').filter({ hasText: 'Ben Ortiz' }).getByRole('button', { name: 'Message Ben Ortiz' }).click();

      // The dm opens, headed by Ben with his presence, with nothing to leave and no member list.
      await expect(dmHeading(ana, 'Ben Ortiz')).toBeVisible();
      await expect(ana.locator('.head .count')).toHaveText('Online');
      await expect(ana.getByRole('button', { name: 'Leave' })).toHaveCount(0);
      await expect(ana.getByRole('list', { name: 'Members' })).toHaveCount(0);
      await expect(dmLink(ana, 'Ben Ortiz')).toHaveAttribute('aria-current', 'page');
      await expect(ana.getByText('No messages yet. Say hello!')).toBeVisible();

      // Ben, still in the group, sees it appear at once (the dm event), before anything is said.
      await expect(dmLink(ben, 'Ana Silva')).toBeVisible({ timeout: LIVE });
      await expect(dmUnreadBadge(ben, 'Ana Silva')).toHaveCount(0);

      await send(ana, 'Hi Ben, a word in private?');
      await expect(deliveredText(ana, 'Hi Ben, a word in private?')).toHaveCount(1, { timeout: LIVE });
      await expect(dmUnreadBadge(ben, 'Ana Silva')).toHaveText('1', { timeout: LIVE });
      await expect(ben).toHaveTitle('(1) Chat');
      // Not in his group: the group has nothing new.
      await expect(groupLink(ben, group).locator('[aria-label$=" unread"]')).toHaveCount(0);

      // Ben opens it from the sidebar and answers.
      await dmLink(ben, 'Ana Silva').click();
      await expect(dmHeading(ben, 'Ana Silva')).toBeVisible();
      await expect(ben.locator('.head .count')).toHaveText('Online');
      await expect(deliveredText(ben, 'Hi Ben, a word in private?')).toHaveCount(1);
      await expect(dmUnreadBadge(ben, 'Ana Silva')).toHaveCount(0);
      await expect(ben).toHaveTitle('Chat');
      await send(ben, 'Sure, what is up?');
      await expect(deliveredText(ana, 'Sure, what is up?')).toHaveCount(1, { timeout: LIVE });
      // In a dm the sender's name is just a name (it would open the same dm).
      await expect(deliveredText(ana, 'Sure, what is up?').getByRole('button', { name: 'Message Ben Ortiz' })).toHaveCount(0);

      // Cid, in the same group all along, sees nothing of it; to him the dm does not exist.
      await expectNoDms(cid);
      await expect(paneHeading(cid, group)).toBeVisible();
      await expect(cid).toHaveTitle('Chat');
      expect(await dmsViaApi(request, accounts.cid)).toEqual([]);
      const [dm] = await dmsViaApi(request, accounts.ana);
      expect(dm.name).toMatch(/^@/);
      expect(dm.members.map((member) => member.id).sort()).toEqual([accounts.ana.user.id, accounts.ben.user.id].sort());
      const outsider = await request.get(`/api/groups/${encodeURIComponent(dm.name)}/messages`, { headers: { Authorization: `Bearer ${accounts.cid.token}` } });
      expect(outsider.status()).toBe(404);
      // Nor is it among the groups to browse, for him or for them.
      await expectNotBrowsable(cid, dm.name);
      await expectNotBrowsable(ana, dm.name);

      // Ben goes away: Ana's header says so (presence reaches dm partners).
      await people.ben.context.close();
      await expect(ana.locator('.head .count')).toHaveText('Offline', { timeout: LIVE });
    } finally {
      await close();
    }
  });

  test('a sender’s name opens the dm; the other side opening it too finds the same one; a reload comes back to it', async ({ browser, request }) => {
    const { group, ana, ben, cid, close } = await threeInAGroup(browser, request);
    try {
      await send(ana, 'Who has the slides for Friday?');
      const question = deliveredText(ben, 'Who has the slides for Friday?');
      await expect(question).toHaveCount(1, { timeout: LIVE });
      // Her own name is no button for Ana.
      await expect(deliveredText(ana, 'Who has the slides for Friday?').getByRole('button', { name: /^Message / })).toHaveCount(0);

      // Ben presses Ana's name on her message.
      await question.getByRole('button', { name: 'Message Ana Silva' }).click();
      await expect(dmHeading(ben, 'Ana Silva')).toBeVisible();
      await send(ben, 'I have them, sending them over.');
      await expect(dmUnreadBadge(ana, 'Ben Ortiz')).toHaveText('1', { timeout: LIVE });

      // Ana opens it from the member list rather than the sidebar: the same dm, with Ben's message.
      await ana.getByRole('list', { name: 'Members' }).getByRole('button', { name: 'Message Ben Ortiz' }).click();
      await expect(dmHeading(ana, 'Ben Ortiz')).toBeVisible();
      await expect(deliveredText(ana, 'I have them, sending them over.')).toHaveCount(1);
      await expect(myDms(ana).getByRole('link')).toHaveCount(1);
      await expect(dmUnreadBadge(ana, 'Ben Ortiz')).toHaveCount(0);

      // A reload comes back to the open dm.
      await ana.reload();
      await expect(dmHeading(ana, 'Ben Ortiz')).toBeVisible({ timeout: 15_000 });
      await expect(deliveredText(ana, 'I have them, sending them over.')).toHaveCount(1);

      // Back in the group, the group is as it was; Cid never saw any of it.
      await openGroup(ana, group);
      await expect(deliveredText(ana, 'Who has the slides for Friday?')).toHaveCount(1);
      await expectNoDms(cid);
    } finally {
      await close();
    }
  });

  test('dms are listed by newest activity: a new message moves its dm to the top', async ({ browser, request }) => {
    const { group, ana, ben, cid, close } = await threeInAGroup(browser, request);
    try {
      const members = ana.getByRole('list', { name: 'Members' });
      await members.getByRole('button', { name: 'Message Ben Ortiz' }).click();
      await expect(dmHeading(ana, 'Ben Ortiz')).toBeVisible();
      await send(ana, 'First to Ben');
      await expect(deliveredText(ana, 'First to Ben')).toHaveCount(1, { timeout: LIVE });
      // Back to the group for the member list, then a dm with Cid: the newest is on top.
      await openGroup(ana, group);
      await members.getByRole('button', { name: 'Message Cid Moreau' }).click();
      await expect(dmHeading(ana, 'Cid Moreau')).toBeVisible();
      const order = myDms(ana).getByRole('link');
      await expect(order).toHaveCount(2);
      await expect(order.first()).toContainText('Cid Moreau');

      // Ben writes in his: his dm goes back to the top on Ana's screen, live.
      await dmLink(ben, 'Ana Silva').click();
      await send(ben, 'Got it');
      await expect(order.first()).toContainText('Ben Ortiz', { timeout: LIVE });
      await expect(dmUnreadBadge(ana, 'Ben Ortiz')).toHaveText('1');
      // Cid sees his dm with Ana only.
      await expect(myDms(cid).getByRole('link')).toHaveCount(1);
      await expect(dmLink(cid, 'Ana Silva')).toBeVisible();
    } finally {
      await close();
    }
  });
});
