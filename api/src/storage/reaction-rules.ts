import { REACTION_EMOJI_MAX } from '@chat/protocol';
import type { ReactionRecord } from './records';

/**
 * The contract's reaction rules on a message's current reactions, shared by
 * every store (each applies them under its own lock): one reaction per user
 * and emoji, at most REACTION_EMOJI_MAX emoji, a new emoji goes last, and
 * one whose last reaction is taken back leaves the list.
 * `unchanged`: nothing to do (no revision is taken).
 */
export type ReactionChange = 'unchanged' | 'too_many' | { reactions: ReactionRecord[]; /** The emoji's count after it. */ count: number };

export function addReaction(reactions: readonly ReactionRecord[], emoji: string, userId: string): ReactionChange {
  const at = reactions.findIndex((reaction) => reaction.emoji === emoji);
  if (at < 0) return reactions.length < REACTION_EMOJI_MAX ? { reactions: [...reactions, { emoji, userIds: [userId] }], count: 1 } : 'too_many';
  const { userIds } = reactions[at];
  if (userIds.includes(userId)) return 'unchanged';
  return { reactions: replaced(reactions, at, { emoji, userIds: [...userIds, userId] }), count: userIds.length + 1 };
}

export function removeReaction(reactions: readonly ReactionRecord[], emoji: string, userId: string): ReactionChange {
  const at = reactions.findIndex((reaction) => reaction.emoji === emoji);
  const userIds = at < 0 ? [] : reactions[at].userIds.filter((id) => id !== userId);
  if (at < 0 || userIds.length === reactions[at].userIds.length) return 'unchanged';
  // The last one gone: the emoji leaves the list, and comes back at its end.
  const rest = userIds.length === 0 ? reactions.filter((_, index) => index !== at) : replaced(reactions, at, { emoji, userIds });
  return { reactions: rest, count: userIds.length };
}

/** The emoji's count on a message. */
export function reactionCount(reactions: readonly ReactionRecord[], emoji: string): number {
  return reactions.find((reaction) => reaction.emoji === emoji)?.userIds.length ?? 0;
}

function replaced(reactions: readonly ReactionRecord[], at: number, reaction: ReactionRecord): ReactionRecord[] {
  return reactions.map((existing, index) => (index === at ? reaction : existing));
}
