import type { MessageRecord, MessageRef } from './records';

/**
 * What adding or removing a reaction did. `unchanged`: it was already so
 * (no revision taken). `no_message` covers a deleted one; `too_many`: a
 * new emoji on a message that holds REACTION_EMOJI_MAX already.
 */
export type ReactionResult =
  | { outcome: 'changed' | 'unchanged'; message: MessageRecord; groupName: string; /** The emoji's count now. */ count: number }
  | { outcome: 'no_group' | 'not_member' | 'no_message' | 'too_many' };

/**
 * Port: one reaction per (message, emoji, user), each change a revision
 * of the group taken with it, as edits take theirs; concurrent identical
 * reactions take turns on the group, so only the first changes anything.
 * `ref.userId` is who reacts (any member).
 */
export abstract class ReactionsRepository {
  abstract add(ref: MessageRef, emoji: string): Promise<ReactionResult>;
  abstract remove(ref: MessageRef, emoji: string): Promise<ReactionResult>;
}
