import { randomUUID } from 'node:crypto';
import { AppendRefusal, AppendResult, ChangeResult, ChangesPageRecord, MessagesRepository } from '../messages.repository';
import type { HistoryRange, MessageRecord, MessageRef, NewMessage, NewText } from '../records';
import { GroupCommit } from './group-commit';
import { APPENDED_EXTRAS, LOCK_GROUP, LockedGroup, MESSAGE_AT, MESSAGE_EXTRAS, MessageRow, REPLY_JOIN, toMessage, uuidTokens } from './message-rows';
import { isUniqueViolation, PostgresDatabase, PreparedStatement } from './postgres-database';

export class PostgresMessagesRepository extends MessagesRepository {
  constructor(private readonly pg: PostgresDatabase) {
    super();
  }

  /**
   * Appends go through group commit (docs/decisions/group-commit-and-lanes.md):
   * sends that arrive while others commit are stored together, in one
   * transaction; each is acknowledged only once it has committed.
   *
   * Each group has its lane (its key's hash picks one of COMMIT_LANES), and
   * a lane runs one batch at a time: a group's messages are stored in the
   * order they arrived here, a sender's quick "a" then "b" included, while
   * other groups commit alongside. Lanes lock disjoint groups: no deadlock.
   * Per-group order end to end: docs/decisions/ordering-and-acknowledgement.md
   */
  private readonly lanes = Array.from(
    { length: COMMIT_LANES },
    () => new GroupCommit<NewMessage, AppendResult | AppendRefusal>((batch) => this.appendBatch(batch), 1, 100, MAX_WAITING_PER_LANE),
  );

  append(message: NewMessage): Promise<AppendResult | AppendRefusal> {
    return this.lanes[laneOf(message.groupKey)].submit(message);
  }

  private async appendBatch(batch: NewMessage[]): Promise<PromiseSettledResult<AppendResult | AppendRefusal>[]> {
    if (batch.length === 1) return Promise.allSettled([this.appendAlone(batch[0])]);
    const results: Array<AppendResult | AppendRefusal> = new Array(batch.length);
    // By group, so that batches of several instances lock group rows in the same order (no deadlock).
    // The sort is stable: a group's messages keep their order, and so their seqs.
    const order = batch.map((_, i) => i).sort((a, b) => compareKeys(batch[a].groupKey, batch[b].groupKey));
    try {
      await this.pg.transaction(async (query) => {
        for (const i of order) results[i] = toAppendResult((await query<AppendRow>(APPEND, appendValues(batch[i])))[0]);
      });
      return results.map((value) => ({ status: 'fulfilled', value }));
    } catch {
      // Nothing was committed (a clientMsgId racing its twin in another transaction, say):
      // each on its own, with its retry, one after another so that the order holds.
      const settled: PromiseSettledResult<AppendResult | AppendRefusal>[] = [];
      for (const message of batch) {
        settled.push(
          await this.appendAlone(message).then(
            (value) => ({ status: 'fulfilled', value }) as const,
            (reason: unknown) => ({ status: 'rejected', reason }) as const,
          ),
        );
      }
      return settled;
    }
  }

  /**
   * One prepared statement, so one round trip and its own transaction: for
   * a member only, lock the group's row (appends to one group take turns,
   * on every instance), return the stored message for a repeated
   * clientMsgId, else (when the message it answers is there and not
   * deleted) insert at lastSeq + 1 and lastRev + 1 and move both and the
   * sender's read marker. Seqs and revs are gapless because nothing that
   * takes a number can fail after taking it (docs/decisions/prepared-statements.md).
   */
  private async appendAlone(message: NewMessage): Promise<AppendResult | AppendRefusal> {
    try {
      return await this.appendOnce(message);
    } catch (error) {
      // The same clientMsgId appended twice at once: the second statement's
      // snapshot predates the first one's commit, so it did not see that row
      // and hit the unique constraint. Run it again: now it finds the row.
      if (isUniqueViolation(error)) return this.appendOnce(message);
      throw error;
    }
  }

  private async appendOnce(message: NewMessage): Promise<AppendResult | AppendRefusal> {
    const [row] = await this.pg.prepared<AppendRow>(APPEND, appendValues(message));
    return toAppendResult(row);
  }

  /**
   * Served by the (group_key, seq) unique index in both directions, as
   * prepared statements (history pages and catch-up run often): one per
   * combination of bounds, so that each plan is an index range scan, never
   * a generic plan that filters the group's rows (docs/decisions/prepared-statements.md).
   */
  async page(groupKey: string, range: HistoryRange): Promise<MessageRecord[]> {
    const { before, after, limit } = range;
    if (after !== undefined) {
      const rows = await this.pg.prepared<MessageRow>(before === undefined ? PAGE_AFTER : PAGE_BETWEEN, [groupKey, after, limit, ...(before === undefined ? [] : [before])]);
      return rows.map(toMessage);
    }
    const rows = await this.pg.prepared<MessageRow>(before === undefined ? PAGE_NEWEST : PAGE_BEFORE, [groupKey, limit, ...(before === undefined ? [] : [before])]);
    return rows.reverse().map(toMessage);
  }

  edit(ref: MessageRef, { text, mentionTokens }: NewText): Promise<ChangeResult> {
    return this.change(ref, (message) => {
      if (message.deleted) return null;
      return message.text === text ? 'unchanged' : { statement: EDIT, values: [text, uuidTokens(mentionTokens)] };
    });
  }

  remove(ref: MessageRef): Promise<ChangeResult> {
    return this.change(ref, (message) => (message.deleted ? 'unchanged' : { statement: REMOVE, values: [] }));
  }

  /**
   * The group's row is locked first (LOCK_GROUP); the message is read
   * after the lock, so the checks see the latest change. `decide` answers `null` for a deleted message
   * (the edit's 409), `unchanged`, or the update to run at the next rev.
   */
  private change(ref: MessageRef, decide: (message: MessageRecord) => null | 'unchanged' | { statement: PreparedStatement; values: unknown[] }): Promise<ChangeResult> {
    return this.pg.transaction(async (query): Promise<ChangeResult> => {
      const [group] = await query<LockedGroup>(LOCK_GROUP, [ref.groupKey, ref.userId]);
      if (!group) return { outcome: 'no_group' };
      if (!group.member) return { outcome: 'not_member' };
      const [row] = await query<MessageRow>(MESSAGE_AT, [ref.groupKey, ref.seq]);
      if (!row) return { outcome: 'no_message' };
      const message = toMessage(row);
      if (message.senderId !== ref.userId) return { outcome: 'not_sender' };
      const decision = decide(message);
      if (decision === null) return { outcome: 'deleted' };
      if (decision === 'unchanged') return { outcome: 'unchanged', message, groupName: group.name };
      const [changed] = await query<MessageRow>(decision.statement, [ref.groupKey, ref.seq, group.last_rev + 1, ...decision.values]);
      return { outcome: 'changed', message: toMessage(changed), groupName: group.name };
    });
  }

  /** One statement: the page and the group's lastRev from the same snapshot. */
  async changes(groupKey: string, afterRev: number, limit: number): Promise<ChangesPageRecord | null> {
    const rows = await this.pg.prepared<Partial<MessageRow> & { group_last_rev: number }>(CHANGES, [groupKey, afterRev, limit + 1]);
    if (rows.length === 0) return null;
    const messages = rows.filter((row): row is MessageRow & { group_last_rev: number } => row.id != null).map(toMessage);
    const more = messages.length > limit;
    return { messages: more ? messages.slice(0, limit) : messages, lastRev: rows[0].group_last_rev, more };
  }
}

/** Pages: $1 group key, $2 limit (newest first). */
const PAGE_NEWEST = page('messages_page_newest', '', 'DESC', 2);
/** $1 group key, $2 limit, $3 before (newest first). */
const PAGE_BEFORE = page('messages_page_before', 'AND m.seq < $3', 'DESC', 2);
/** $1 group key, $2 after, $3 limit (oldest first). */
const PAGE_AFTER = page('messages_page_after', 'AND m.seq > $2', 'ASC', 3);
/** $1 group key, $2 after, $3 limit, $4 before (oldest first). */
const PAGE_BETWEEN = page('messages_page_between', 'AND m.seq > $2 AND m.seq < $4', 'ASC', 3);

function page(name: string, bounds: string, order: 'ASC' | 'DESC', limitParam: number): PreparedStatement {
  return {
    name,
    text: `SELECT m.*, ${MESSAGE_EXTRAS} FROM messages m ${REPLY_JOIN}
           WHERE m.group_key = $1 ${bounds} ORDER BY m.seq ${order} LIMIT $${limitParam}`,
  };
}

/**
 * A change at rev $3 of the message at ($1 group key, $2 seq), which also
 * becomes the group's lastRev; `also`, more statements of the change.
 */
function changeAtRev(name: string, assignments: string, also = ''): PreparedStatement {
  return {
    name,
    text: `WITH changed AS (
             UPDATE messages SET ${assignments}, rev = $3 WHERE group_key = $1 AND seq = $2 RETURNING *
           ), bumped AS (
             UPDATE groups SET last_rev = $3 WHERE key = $1
           ) ${also}
           SELECT m.*, ${MESSAGE_EXTRAS} FROM changed m ${REPLY_JOIN}`,
  };
}

/** $4 the new text, $5 its mention tokens: mentions are derived again, with the members of now. */
const EDIT = changeAtRev('edit_message', 'text = $4, edited_at = now(), mentions = mentions_of(group_key, sender_id, reply_to, $5::uuid[])');
/** A tombstone keeps no text, answers nothing and mentions no one any more, and loses its reactions. */
const REMOVE = changeAtRev(
  'delete_message',
  `text = '', edited_at = NULL, deleted = true, reply_to = NULL, mentions = '{}'`,
  ', unreacted AS (DELETE FROM reactions WHERE group_key = $1 AND seq = $2)',
);

/**
 * $1 group key, $2 after rev, $3 limit (one more than asked, to know
 * whether there is more). Served by the (group_key, rev) unique index. The
 * group's row always comes back (a row of nulls when nothing changed), so
 * no row at all means no such group.
 */
const CHANGES: PreparedStatement = {
  name: 'changes_after_rev',
  text: `SELECT m.*, ${MESSAGE_EXTRAS}, g.last_rev AS group_last_rev
         FROM groups g
         LEFT JOIN LATERAL (SELECT * FROM messages WHERE group_key = g.key AND rev > $2 ORDER BY rev LIMIT $3) m ON true
         ${REPLY_JOIN}
         WHERE g.key = $1
         ORDER BY m.rev`,
};

type AppendRow = MessageRow & { outcome: 'created' | 'repeat' | 'reply_not_found'; group_name: string };

function appendValues({ groupKey, senderId, clientMsgId, text, replyTo, mentionTokens }: NewMessage): unknown[] {
  return [groupKey, senderId, clientMsgId, randomUUID(), text, replyTo ?? null, mentionTokens.length === 0 ? NO_TOKENS : uuidTokens(mentionTokens)];
}

const NO_TOKENS: string[] = [];

/** No row: no such group, or the sender is not a member. */
function toAppendResult(row: AppendRow | undefined): AppendResult | AppendRefusal {
  if (!row) return 'refused';
  if (row.outcome === 'reply_not_found') return 'reply_not_found';
  return { message: toMessage(row), created: row.outcome === 'created', groupName: row.group_name };
}

/** Batches committing at once, each on a pooled connection (the pool has 10). */
const COMMIT_LANES = 4;
/** Sends a lane holds while its batch commits; one more is refused with `unavailable`. */
const MAX_WAITING_PER_LANE = 2_000;

/** FNV-1a over the key's UTF-16 units: a cheap, stable spread of groups over lanes. */
function laneOf(groupKey: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < groupKey.length; i++) hash = Math.imul(hash ^ groupKey.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % COMMIT_LANES;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The append, as a prepared statement (see PostgresDatabase.prepared):
 * $1 group key, $2 sender id, $3 clientMsgId, $4 new message id, $5 text,
 * $6 the seq it answers or null, $7 the text's mention tokens (mentions
 * are derived, with the members of now, only when there are tokens or a
 * reply: most messages skip it). It returns no row when the group does not
 * exist or the sender is not a member (`locked` is then empty, and so is
 * everything built on it); a row of nulls with `reply_not_found` when the
 * answered message is missing or deleted (a repeat still finds its message).
 */
const APPEND: PreparedStatement = {
  name: 'append_message',
  text: `
    WITH locked AS (
      SELECT g.last_seq, g.last_rev, g.name FROM groups g
      WHERE g.key = $1 AND EXISTS (SELECT 1 FROM memberships m WHERE m.group_key = $1 AND m.user_id = $2::uuid)
      FOR UPDATE OF g
    ), existing AS (
      SELECT * FROM messages
      WHERE group_key = $1 AND sender_id = $2::uuid AND client_msg_id = $3 AND EXISTS (SELECT 1 FROM locked)
    ), answerable AS (
      SELECT $6::bigint IS NULL OR EXISTS (SELECT 1 FROM messages WHERE group_key = $1 AND seq = $6::bigint AND NOT deleted) AS ok
    ), inserted AS (
      INSERT INTO messages (id, group_key, seq, rev, sender_id, text, client_msg_id, reply_to, mentions)
      SELECT $4::uuid, $1, locked.last_seq + 1, locked.last_rev + 1, $2::uuid, $5, $3, $6::bigint,
        CASE WHEN $6::bigint IS NULL AND cardinality($7::uuid[]) = 0 THEN '{}' ELSE mentions_of($1, $2::uuid, $6::bigint, $7::uuid[]) END
      FROM locked, answerable WHERE answerable.ok AND NOT EXISTS (SELECT 1 FROM existing)
      RETURNING *
    ), moved_group AS (
      UPDATE groups SET last_seq = inserted.seq, last_rev = inserted.rev FROM inserted WHERE groups.key = inserted.group_key
    ), moved_marker AS (
      UPDATE memberships SET read_seq = inserted.seq FROM inserted
      WHERE memberships.group_key = inserted.group_key AND memberships.user_id = inserted.sender_id
    ), outcome AS (
      SELECT inserted.*, 'created' AS outcome, locked.name AS group_name FROM inserted, locked
      UNION ALL
      SELECT existing.*, 'repeat' AS outcome, locked.name AS group_name FROM existing, locked
      UNION ALL
      SELECT (NULL::messages).*, 'reply_not_found' AS outcome, locked.name AS group_name
      FROM locked, answerable WHERE NOT answerable.ok AND NOT EXISTS (SELECT 1 FROM existing)
    )
    SELECT m.*, ${APPENDED_EXTRAS} FROM outcome m ${REPLY_JOIN}`,
};
