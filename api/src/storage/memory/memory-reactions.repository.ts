import { REACTION_EMOJI_MAX } from '@chat/protocol';
import { Injectable } from '@nestjs/common';
import { ReactionResult, ReactionsRepository } from '../reactions.repository';
import type { MessageRef, ReactionRecord } from '../records';
import { nextRev, storeChange, withReply } from './history-changes';
import { MemoryDatabase } from './memory-database';

/** Synchronous inside, like every change in memory: identical reactions at once cannot interleave. */
@Injectable()
export class MemoryReactionsRepository extends ReactionsRepository {
  constructor(private readonly db: MemoryDatabase) {
    super();
  }

  async add(ref: MessageRef, emoji: string): Promise<ReactionResult> {
    return this.change(ref, emoji, (reactions, at) => {
      if (at < 0) return reactions.length < REACTION_EMOJI_MAX ? [...reactions, { emoji, userIds: [ref.userId] }] : 'too_many';
      const { userIds } = reactions[at];
      if (userIds.includes(ref.userId)) return 'unchanged';
      return replaced(reactions, at, { emoji, userIds: [...userIds, ref.userId] });
    });
  }

  async remove(ref: MessageRef, emoji: string): Promise<ReactionResult> {
    return this.change(ref, emoji, (reactions, at) => {
      const userIds = at < 0 ? [] : reactions[at].userIds.filter((id) => id !== ref.userId);
      if (at < 0 || userIds.length === reactions[at].userIds.length) return 'unchanged';
      // The last one gone: the emoji leaves the list, and comes back at its end.
      return userIds.length === 0 ? reactions.filter((_, index) => index !== at) : replaced(reactions, at, { emoji, userIds });
    });
  }

  /** The checks in the contract's order (404 group, 403, 404 message or deleted), then `apply` at the next rev. */
  private change(
    ref: MessageRef,
    emoji: string,
    apply: (reactions: readonly ReactionRecord[], at: number) => readonly ReactionRecord[] | 'unchanged' | 'too_many',
  ): ReactionResult {
    const group = this.db.groups.get(ref.groupKey);
    const log = this.db.messages.get(ref.groupKey);
    if (!group || !log) return { outcome: 'no_group' };
    if (!this.db.members.get(ref.groupKey)?.has(ref.userId)) return { outcome: 'not_member' };
    const record = log.records[ref.seq - 1];
    if (!record || record.deleted) return { outcome: 'no_message' };
    const reactions = apply(record.reactions, record.reactions.findIndex((reaction) => reaction.emoji === emoji));
    if (reactions === 'too_many') return { outcome: 'too_many' };
    if (reactions === 'unchanged') return { outcome: 'unchanged', message: withReply(log, record), groupName: group.name, count: countOf(record.reactions, emoji) };
    const changed = { ...record, reactions, rev: nextRev(group) };
    storeChange(log, changed);
    return { outcome: 'changed', message: withReply(log, changed), groupName: group.name, count: countOf(reactions, emoji) };
  }
}

function countOf(reactions: readonly ReactionRecord[], emoji: string): number {
  return reactions.find((reaction) => reaction.emoji === emoji)?.userIds.length ?? 0;
}

function replaced(reactions: readonly ReactionRecord[], at: number, reaction: ReactionRecord): ReactionRecord[] {
  return reactions.map((existing, index) => (index === at ? reaction : existing));
}
