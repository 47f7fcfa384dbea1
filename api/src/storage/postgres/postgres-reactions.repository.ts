import { REACTION_EMOJI_MAX } from '@chat/protocol';
import { ReactionResult, ReactionsRepository } from '../reactions.repository';
import type { MessageRef } from '../records';
import { LOCK_GROUP, LockedGroup, MESSAGE_AT, MessageRow, toMessage } from './message-rows';
import { PostgresDatabase, PreparedStatement } from './postgres-database';

/**
 * Each change is one transaction that first locks the group's row, as
 * appends and edits do: identical reactions sent at once (two tabs, a
 * double click) take turns, so the second finds the first's row and
 * changes nothing. The primary key would refuse a second row anyway.
 */
export class PostgresReactionsRepository extends ReactionsRepository {
  constructor(private readonly pg: PostgresDatabase) {
    super();
  }

  add(ref: MessageRef, emoji: string): Promise<ReactionResult> {
    return this.change(ref, emoji, (state) => {
      if (state.mine) return 'unchanged';
      if (state.since === null && state.emoji_count >= REACTION_EMOJI_MAX) return 'too_many';
      return { statement: ADD, values: [emoji, ref.userId], count: state.count + 1 };
    });
  }

  remove(ref: MessageRef, emoji: string): Promise<ReactionResult> {
    return this.change(ref, emoji, (state) => (state.mine ? { statement: REMOVE, values: [emoji, ref.userId], count: state.count - 1 } : 'unchanged'));
  }

  /** The checks in the contract's order (404 group, 403, 404 message or deleted), then the change at the group's next rev. */
  private change(
    ref: MessageRef,
    emoji: string,
    decide: (state: ReactionState) => 'unchanged' | 'too_many' | { statement: PreparedStatement; values: unknown[]; count: number },
  ): Promise<ReactionResult> {
    return this.pg.transaction(async (query): Promise<ReactionResult> => {
      const [group] = await query<LockedGroup>(LOCK_GROUP, [ref.groupKey, ref.userId]);
      if (!group) return { outcome: 'no_group' };
      if (!group.member) return { outcome: 'not_member' };
      const [row] = await query<MessageRow>(MESSAGE_AT, [ref.groupKey, ref.seq]);
      if (!row || row.deleted) return { outcome: 'no_message' };
      const [state] = await query<ReactionState>(STATE, [ref.groupKey, ref.seq, emoji, ref.userId]);
      const decision = decide(state);
      if (decision === 'too_many') return { outcome: 'too_many' };
      if (decision === 'unchanged') return { outcome: 'unchanged', message: toMessage(row), groupName: group.name, count: state.count };
      await query(decision.statement, [ref.groupKey, ref.seq, group.last_rev + 1, ...decision.values]);
      // Read again: a statement's own snapshot does not see the reaction it just wrote.
      const [changed] = await query<MessageRow>(MESSAGE_AT, [ref.groupKey, ref.seq]);
      return { outcome: 'changed', message: toMessage(changed), groupName: group.name, count: decision.count };
    });
  }
}

interface ReactionState {
  /** Distinct emoji on the message. */
  emoji_count: number;
  /** This emoji's count, and since when it is on the message (null: not on it). */
  count: number;
  since: number | null;
  /** Whether the caller already reacted with it. */
  mine: boolean;
}

/** $1 group key, $2 seq, $3 emoji, $4 user id. */
const STATE: PreparedStatement = {
  name: 'reaction_state',
  text: `SELECT count(DISTINCT emoji)::int AS emoji_count,
                count(*) FILTER (WHERE emoji = $3)::int AS count,
                min(emoji_since) FILTER (WHERE emoji = $3) AS since,
                coalesce(bool_or(emoji = $3 AND user_id = $4::uuid), false) AS mine
         FROM reactions WHERE group_key = $1 AND seq = $2`,
};

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
