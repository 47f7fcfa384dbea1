import { Injectable } from '@nestjs/common';
import { ReactionResult, ReactionsRepository } from '../reactions.repository';
import { addReaction, ReactionChange, reactionCount, removeReaction } from '../reaction-rules';
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
    return this.change(ref, emoji, (reactions) => addReaction(reactions, emoji, ref.userId));
  }

  async remove(ref: MessageRef, emoji: string): Promise<ReactionResult> {
    return this.change(ref, emoji, (reactions) => removeReaction(reactions, emoji, ref.userId));
  }

  /** The checks in the contract's order (404 group, 403, 404 message or deleted), then `decide` at the next rev. */
  private change(ref: MessageRef, emoji: string, decide: (reactions: readonly ReactionRecord[]) => ReactionChange): ReactionResult {
    const group = this.db.groups.get(ref.groupKey);
    const log = this.db.messages.get(ref.groupKey);
    if (!group || !log) return { outcome: 'no_group' };
    if (!this.db.members.get(ref.groupKey)?.has(ref.userId)) return { outcome: 'not_member' };
    const record = log.records[ref.seq - 1];
    if (!record || record.deleted) return { outcome: 'no_message' };
    const decision = decide(record.reactions);
    if (decision === 'too_many') return { outcome: 'too_many' };
    if (decision === 'unchanged') return { outcome: 'unchanged', message: withReply(log, record), groupName: group.name, count: reactionCount(record.reactions, emoji) };
    const changed = { ...record, reactions: decision.reactions, rev: nextRev(group) };
    storeChange(log, changed);
    return { outcome: 'changed', message: withReply(log, changed), groupName: group.name, count: decision.count };
  }
}
