import type { Selectable } from 'kysely';
import { randomUUID } from 'node:crypto';
import { AppendResult, MessagesRepository } from '../messages.repository';
import type { HistoryRange, MessageRecord, NewMessage } from '../records';
import type { Tables } from './schema';
import { GroupCommit } from './group-commit';
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
    () => new GroupCommit<NewMessage, AppendResult | null>((batch) => this.appendBatch(batch), 1, 100, MAX_WAITING_PER_LANE),
  );

  append(message: NewMessage): Promise<AppendResult | null> {
    return this.lanes[laneOf(message.groupKey)].submit(message);
  }

  private async appendBatch(batch: NewMessage[]): Promise<PromiseSettledResult<AppendResult | null>[]> {
    if (batch.length === 1) return Promise.allSettled([this.appendAlone(batch[0])]);
    const results: Array<AppendResult | null> = new Array(batch.length);
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
      const settled: PromiseSettledResult<AppendResult | null>[] = [];
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
   * clientMsgId, else insert at lastSeq + 1 and move lastSeq and the
   * sender's read marker. Seqs are gapless because nothing that takes a
   * number can fail after taking it (docs/decisions/prepared-statements.md).
   */
  private async appendAlone(message: NewMessage): Promise<AppendResult | null> {
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

  private async appendOnce(message: NewMessage): Promise<AppendResult | null> {
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
      const rows = await this.rows(before === undefined ? PAGE_AFTER : PAGE_BETWEEN, [groupKey, after, limit, ...(before === undefined ? [] : [before])]);
      return rows.map(toMessage);
    }
    const rows = await this.rows(before === undefined ? PAGE_NEWEST : PAGE_BEFORE, [groupKey, limit, ...(before === undefined ? [] : [before])]);
    return rows.reverse().map(toMessage);
  }

  private rows(statement: PreparedStatement, values: unknown[]) {
    return this.pg.prepared<Selectable<Tables['messages']>>(statement, values);
  }
}

/** Pages: $1 group key, $2 limit (newest first). */
const PAGE_NEWEST = page('messages_page_newest', '', 'DESC', 2);
/** $1 group key, $2 limit, $3 before (newest first). */
const PAGE_BEFORE = page('messages_page_before', 'AND seq < $3', 'DESC', 2);
/** $1 group key, $2 after, $3 limit (oldest first). */
const PAGE_AFTER = page('messages_page_after', 'AND seq > $2', 'ASC', 3);
/** $1 group key, $2 after, $3 limit, $4 before (oldest first). */
const PAGE_BETWEEN = page('messages_page_between', 'AND seq > $2 AND seq < $4', 'ASC', 3);

function page(name: string, bounds: string, order: 'ASC' | 'DESC', limitParam: number): PreparedStatement {
  return { name, text: `SELECT * FROM messages WHERE group_key = $1 ${bounds} ORDER BY seq ${order} LIMIT $${limitParam}` };
}

type AppendRow = Selectable<Tables['messages']> & { created: boolean; group_name: string };

function appendValues({ groupKey, senderId, clientMsgId, text }: NewMessage): unknown[] {
  return [groupKey, senderId, clientMsgId, randomUUID(), text];
}

/** No row: no such group, or the sender is not a member. */
function toAppendResult(row: AppendRow | undefined): AppendResult | null {
  return row ? { message: toMessage(row), created: row.created, groupName: row.group_name } : null;
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
 * $1 group key, $2 sender id, $3 clientMsgId, $4 new message id, $5 text.
 * It returns no row when the group does not exist or the sender is not a
 * member (`locked` is then empty, and so is everything built on it).
 */
const APPEND: PreparedStatement = {
  name: 'append_message',
  text: `
    WITH locked AS (
      SELECT g.last_seq, g.name FROM groups g
      WHERE g.key = $1 AND EXISTS (SELECT 1 FROM memberships m WHERE m.group_key = $1 AND m.user_id = $2::uuid)
      FOR UPDATE OF g
    ), existing AS (
      SELECT * FROM messages
      WHERE group_key = $1 AND sender_id = $2::uuid AND client_msg_id = $3 AND EXISTS (SELECT 1 FROM locked)
    ), inserted AS (
      INSERT INTO messages (id, group_key, seq, sender_id, text, client_msg_id)
      SELECT $4::uuid, $1, locked.last_seq + 1, $2::uuid, $5, $3
      FROM locked WHERE NOT EXISTS (SELECT 1 FROM existing)
      RETURNING *
    ), moved_last_seq AS (
      UPDATE groups SET last_seq = inserted.seq FROM inserted WHERE groups.key = inserted.group_key
    ), moved_marker AS (
      UPDATE memberships SET read_seq = inserted.seq FROM inserted
      WHERE memberships.group_key = inserted.group_key AND memberships.user_id = inserted.sender_id
    )
    SELECT inserted.*, true AS created, locked.name AS group_name FROM inserted, locked
    UNION ALL
    SELECT existing.*, false AS created, locked.name AS group_name FROM existing, locked`,
};

function toMessage(row: Selectable<Tables['messages']>): MessageRecord {
  return {
    id: row.id,
    groupKey: row.group_key,
    seq: row.seq,
    senderId: row.sender_id,
    text: row.text,
    clientMsgId: row.client_msg_id,
    createdAt: row.created_at,
  };
}
