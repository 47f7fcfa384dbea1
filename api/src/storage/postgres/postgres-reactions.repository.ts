import { ReactionResult, ReactionsRepository } from '../reactions.repository';
import { addReaction, ReactionChange, reactionCount, removeReaction } from '../reaction-rules';
import type { MessageRef, ReactionRecord } from '../records';
import { LOCK_GROUP, LockedGroup, MESSAGE_AT, MessageRow, toMessage } from './message-rows';
import { PostgresDatabase, PreparedStatement } from './postgres-database';

/**
 * Each change is one transaction that first locks the group's row, as
 * appends and edits do: identical reactions sent at once (two tabs, a
 * double click) take turns, so the second reads the first's row and
 * changes nothing. The primary key would refuse a second row anyway.
 * The message is read after the lock, with its reactions, so the rules
 * (reaction-rules.ts) decide on its current state, and the state they
 * answer is what the change stores.
 */
export class PostgresReactionsRepository extends ReactionsRepository {
  constructor(private readonly pg: PostgresDatabase) {
    super();
  }

  add(ref: MessageRef, emoji: string): Promise<ReactionResult> {
    return this.change(ref, emoji, ADD, (reactions) => addReaction(reactions, emoji, ref.userId));
  }

  remove(ref: MessageRef, emoji: string): Promise<ReactionResult> {
    return this.change(ref, emoji, REMOVE, (reactions) => removeReaction(reactions, emoji, ref.userId));
  }

  /** The checks in the contract's order (404 group, 403, 404 message or deleted), then the change at the group's next rev. */
  private change(ref: MessageRef, emoji: string, statement: PreparedStatement, decide: (reactions: readonly ReactionRecord[]) => ReactionChange): Promise<ReactionResult> {
    return this.pg.transaction(async (query): Promise<ReactionResult> => {
      const [group] = await query<LockedGroup>(LOCK_GROUP, [ref.groupKey, ref.userId]);
      if (!group) return { outcome: 'no_group' };
      if (!group.member) return { outcome: 'not_member' };
      const [row] = await query<MessageRow>(MESSAGE_AT, [ref.groupKey, ref.seq]);
      if (!row || row.deleted) return { outcome: 'no_message' };
      const message = toMessage(row);
      const decision = decide(message.reactions);
      if (decision === 'too_many') return { outcome: 'too_many' };
      if (decision === 'unchanged') return { outcome: 'unchanged', message, groupName: group.name, count: reactionCount(message.reactions, emoji) };
      const rev = group.last_rev + 1;
      await query(statement, [ref.groupKey, ref.seq, rev, emoji, ref.userId]);
      return { outcome: 'changed', message: { ...message, rev, reactions: decision.reactions }, groupName: group.name, count: decision.count };
    });
  }
}

/** The message and the group take rev $3 with the reaction's change. */
function atRev(name: string, change: string): PreparedStatement {
  return {
    name,
    text: `WITH reacted AS (${change}),
           moved_message AS (UPDATE messages SET rev = $3 WHERE group_key = $1 AND seq = $2),
           moved_group AS (UPDATE groups SET last_rev = $3 WHERE key = $1)
           SELECT 1`,
  };
}

/** $4 emoji, $5 user id; an emoji new to the message is ordered from this rev, else it keeps its place. */
const ADD = atRev(
  'add_reaction',
  `INSERT INTO reactions (group_key, seq, emoji, user_id, emoji_since, reacted_rev)
   SELECT $1, $2, $4, $5::uuid, coalesce(min(emoji_since), $3), $3 FROM reactions WHERE group_key = $1 AND seq = $2 AND emoji = $4`,
);

/** $4 emoji, $5 user id. */
const REMOVE = atRev('remove_reaction', 'DELETE FROM reactions WHERE group_key = $1 AND seq = $2 AND emoji = $4 AND user_id = $5::uuid');
