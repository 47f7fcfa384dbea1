import type { Selectable } from 'kysely';
import { randomUUID } from 'node:crypto';
import { AppendResult, MessagesRepository } from '../messages.repository';
import type { HistoryRange, MessageRecord, NewMessage } from '../records';
import type { Tables } from './schema';
import { PostgresDatabase } from './postgres-database';

export class PostgresMessagesRepository extends MessagesRepository {
  constructor(private readonly pg: PostgresDatabase) {
    super();
  }

  /**
   * One transaction: lock the group's row (so appends to one group take
   * turns, on every instance), return the stored message for a repeated
   * clientMsgId, else insert at lastSeq + 1 and move lastSeq and the
   * sender's read marker. Seqs are gapless because nothing that takes a
   * number can fail after taking it.
   */
  async append(message: NewMessage): Promise<AppendResult> {
    return this.pg.db.transaction().execute(async (tx) => {
      const group = await tx
        .selectFrom('groups')
        .select('last_seq')
        .where('key', '=', message.groupKey)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const existing = await tx
        .selectFrom('messages')
        .selectAll()
        .where('group_key', '=', message.groupKey)
        .where('sender_id', '=', message.senderId)
        .where('client_msg_id', '=', message.clientMsgId)
        .executeTakeFirst();
      if (existing) return { message: toMessage(existing), created: false };
      const seq = group.last_seq + 1;
      const row = await tx
        .insertInto('messages')
        .values({
          id: randomUUID(),
          group_key: message.groupKey,
          seq,
          sender_id: message.senderId,
          text: message.text,
          client_msg_id: message.clientMsgId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await tx.updateTable('groups').set({ last_seq: seq }).where('key', '=', message.groupKey).execute();
      await tx
        .updateTable('memberships')
        .set({ read_seq: seq })
        .where('group_key', '=', message.groupKey)
        .where('user_id', '=', message.senderId)
        .execute();
      return { message: toMessage(row), created: true };
    });
  }

  /** Served by the (group_key, seq) unique index in both directions. */
  async page(groupKey: string, range: HistoryRange): Promise<MessageRecord[]> {
    let query = this.pg.db.selectFrom('messages').selectAll().where('group_key', '=', groupKey);
    if (range.before !== undefined) query = query.where('seq', '<', range.before);
    if (range.after !== undefined) {
      const rows = await query.where('seq', '>', range.after).orderBy('seq', 'asc').limit(range.limit).execute();
      return rows.map(toMessage);
    }
    const rows = await query.orderBy('seq', 'desc').limit(range.limit).execute();
    return rows.reverse().map(toMessage);
  }
}

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
