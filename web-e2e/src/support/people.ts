import { APIRequestContext, Browser, BrowserContext, BrowserContextOptions } from '@playwright/test';
import { Account, createGroupViaApi, expectConnected, joinGroupViaApi, newPerson, openGroup, registerViaApi, signInWithSession, unique, uniqueEmail } from './chat';

/** Options of a scene: display names, and the browser contexts' own options (permissions, init scripts are per page). */
export interface SceneOptions {
  names?: { alice?: string; bob?: string };
  bobContext?: BrowserContextOptions;
  /** Runs on Bob's context before he signs in (init scripts). */
  bobSetup?: (context: BrowserContext) => Promise<void>;
}

/** Alice and Bob, each signed in their own browser context, both looking at one new group (named `<prefix> <unique>`). */
export async function twoInAGroup(browser: Browser, request: APIRequestContext, prefix: string, options: SceneOptions = {}) {
  const aliceAccount: Account = await registerViaApi(request, uniqueEmail('alice'), options.names?.alice);
  const bobAccount: Account = await registerViaApi(request, uniqueEmail('bob'), options.names?.bob);
  const group = `${prefix} ${unique()}`;
  await createGroupViaApi(request, aliceAccount.token, group);
  await joinGroupViaApi(request, bobAccount.token, group);
  const alice = await newPerson(browser);
  const bob = await newPerson(browser, options.bobContext);
  await options.bobSetup?.(bob.context);
  await signInWithSession(alice.page, aliceAccount);
  await signInWithSession(bob.page, bobAccount);
  await openGroup(alice.page, group);
  await openGroup(bob.page, group);
  await expectConnected(alice.page);
  await expectConnected(bob.page);
  return { group, alice, bob, aliceAccount, bobAccount };
}

export type TwoInAGroup = Awaited<ReturnType<typeof twoInAGroup>>;

/** Runs `scene` with Alice and Bob in a new group, and closes both browsers after it, whatever happens. */
export async function withTwoInAGroup(
  browser: Browser,
  request: APIRequestContext,
  prefix: string,
  scene: (two: TwoInAGroup) => Promise<void>,
  options: SceneOptions = {},
): Promise<void> {
  const two = await twoInAGroup(browser, request, prefix, options);
  try {
    await scene(two);
  } finally {
    await two.alice.context.close();
    await two.bob.context.close();
  }
}
