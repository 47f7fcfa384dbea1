import type { TestUser } from './api-client';
import { getGroup, listGroups } from './chat';

/**
 * Mentions (the contract's "Mentions" and `mentionUnread` in "Unread
 * counts"): the `<@userId>` token, written out here rather than taken from
 * the protocol library, so the tests hold the server to the contract's text.
 */

/** The token that mentions `user`. */
export const tokenOf = (user: TestUser) => `<@${user.user.id}>`;

/** The ids `mentions` should hold for these users, in this order. */
export const idsOf = (...users: TestUser[]) => users.map((u) => u.user.id);

export interface Counts {
  readSeq: number | undefined;
  unread: number | undefined;
  mentionUnread: number | undefined;
}

/** The caller's marker and counts in a group; the list entry and the detail must agree. */
export async function countsIn(user: TestUser, group: string): Promise<Counts> {
  const detail = await getGroup(user, group);
  const listed = (await listGroups(user)).find((g) => g.name === group);
  const pick = (g: { readSeq?: number; unread?: number; mentionUnread?: number } | undefined): Counts => ({ readSeq: g?.readSeq, unread: g?.unread, mentionUnread: g?.mentionUnread });
  expect({ list: pick(listed) }).toEqual({ list: pick(detail) });
  return pick(detail);
}

/** `unread` and `mentionUnread` (and, when given, `readSeq`) of `user` in `group`, in the list and the detail. */
export async function expectCounts(user: TestUser, group: string, expected: Partial<Counts>): Promise<void> {
  const seen = await countsIn(user, group);
  expect({ user: user.user.displayName, ...seen }).toMatchObject({ user: user.user.displayName, ...expected });
}
