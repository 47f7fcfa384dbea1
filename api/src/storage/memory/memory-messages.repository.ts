import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppendResult, MessagesRepository } from '../messages.repository';
import type { HistoryRange, MessageRecord, NewMessage } from '../records';
import { MemoryDatabase } from './memory-database';

@Injectable()
export class MemoryMessagesRepository extends MessagesRepository {
  constructor(private readonly db: MemoryDatabase) {
    super();
  }

  /** Synchronous inside: seq assignment and insert cannot interleave with another append. */
  async append(message: NewMessage): Promise<AppendResult> {
    const idempotencyKey = `${message.groupKey}\0${message.senderId}\0${message.clientMsgId}`;
    const existing = this.db.messagesByClientId.get(idempotencyKey);
    if (existing) return { message: existing, created: false };
    const group = this.db.groups.get(message.groupKey);
    const log = this.db.messages.get(message.groupKey);
    if (!group || !log) throw new Error(`append to unknown group ${message.groupKey}`);
    const record: MessageRecord = { ...message, id: randomUUID(), seq: group.lastSeq + 1, createdAt: new Date() };
    log.push(record);
    group.lastSeq = record.seq;
    this.db.messagesByClientId.set(idempotencyKey, record);
    const membership = this.db.members.get(message.groupKey)?.get(message.senderId);
    if (membership) membership.readSeq = record.seq;
    return { message: record, created: true };
  }

  async page(groupKey: string, range: HistoryRange): Promise<MessageRecord[]> {
    const log = this.db.messages.get(groupKey) ?? [];
    // seq n is at index n - 1, so seq bounds are array bounds.
    const last = range.before !== undefined ? Math.min(range.before - 1, log.length) : log.length;
    if (range.after !== undefined) return log.slice(range.after, Math.max(range.after, Math.min(last, range.after + range.limit)));
    return log.slice(Math.max(0, last - range.limit), Math.max(0, last));
  }
}
