import type { Message, ReactionEvent, ReactionWithUsers } from '@chat/protocol';
import { ApiResponse, publicUser, TestUser } from './api-client';
import { expectStatus, expectUserShape } from './expect';
import { messagePath } from './lifecycle';

/**
 * Reactions (the contract's "Reactions"): the PUT/DELETE routes, the extra
 * "who reacted" route, and the exact `reaction` event a change must send.
 */

/** The emoji as the contract defines one: the whole string matches `^\p{RGI_Emoji}$` with the `v` flag. */
const ONE_RGI_EMOJI = new RegExp('^\\p{RGI_Emoji}$', 'v');
export const isOneRgiEmoji = (value: string) => ONE_RGI_EMOJI.test(value);

/** 25 distinct single emoji (more than a message may hold) for tests that need many. */
export const MANY_EMOJI = [...'😀😁😂🤣😃😄😅😆😉😊😋😎😍😘🥰😗😙😚🙂🤗🤩🤔🤨😐😑'];

/** `/api/groups/:name/messages/:seq/reactions/:emoji`, the emoji URL-encoded unless `raw`. */
export function reactionPath(group: string, seq: number | string, emoji: string, raw = false): string {
  return `${messagePath(group, seq)}/reactions/${raw ? emoji : encodeURIComponent(emoji)}`;
}

/** `PUT .../reactions/:emoji`, whatever it answers. */
export function react(user: TestUser, group: string, seq: number | string, emoji: string, raw = false): Promise<ApiResponse> {
  return user.api.put(reactionPath(group, seq, emoji, raw));
}

/** `DELETE .../reactions/:emoji`, whatever it answers. */
export function unreact(user: TestUser, group: string, seq: number | string, emoji: string, raw = false): Promise<ApiResponse> {
  return user.api.delete(reactionPath(group, seq, emoji, raw));
}

/** A PUT or DELETE expected to succeed: 204 with no body. */
export function expectNoContent(res: ApiResponse): void {
  expectStatus(res, 204);
  expect(res.text).toBe('');
}

export async function reacted(user: TestUser, group: string, seq: number, emoji: string): Promise<void> {
  expectNoContent(await react(user, group, seq, emoji));
}

export async function unreacted(user: TestUser, group: string, seq: number, emoji: string): Promise<void> {
  expectNoContent(await unreact(user, group, seq, emoji));
}

/** `GET /api/groups/:name/messages/:seq/reactions` (beyond the contract: who reacted). */
export function whoReacted(user: TestUser, group: string, seq: number | string): Promise<ApiResponse<ReactionWithUsers[]>> {
  return user.api.get<ReactionWithUsers[]>(`${messagePath(group, seq)}/reactions`);
}

/** The same, expected to succeed, each entry checked for its shape. */
export async function reactionsWithUsers(user: TestUser, group: string, seq: number): Promise<ReactionWithUsers[]> {
  const res = await whoReacted(user, group, seq);
  expectStatus(res, 200);
  expect(Array.isArray(res.body)).toBe(true);
  for (const r of res.body) {
    expect(Object.keys(r).sort()).toEqual(['count', 'emoji', 'me', 'users']);
    expect(r.users.length).toBe(r.count);
    for (const u of r.users) expectUserShape(u);
  }
  return res.body;
}

/** The exact `reaction` event of a change by `user` that took `rev`. */
export function reactionEventOf(
  message: Pick<Message, 'group' | 'seq'>,
  change: { rev: number; emoji: string; user: TestUser; added: boolean; count: number },
): ReactionEvent {
  return { group: message.group, seq: message.seq, rev: change.rev, emoji: change.emoji, user: publicUser(change.user), added: change.added, count: change.count };
}

/** A `reaction` event is exactly `{group, seq, rev, emoji, user, added, count}`, its user `{id, displayName}`. */
export function expectReactionEventShape(event: ReactionEvent): void {
  expect(Object.keys(event).sort()).toEqual(['added', 'count', 'emoji', 'group', 'rev', 'seq', 'user']);
  expectUserShape(event.user);
  expect(typeof event.added).toBe('boolean');
  expect(Number.isInteger(event.count)).toBe(true);
  expect(event.count).toBeGreaterThanOrEqual(0);
  expect(Number.isInteger(event.rev)).toBe(true);
}
