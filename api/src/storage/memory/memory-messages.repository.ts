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

  /**
   * Synchronous inside: seq assignment and insert cannot interleave with another append.
   * Per-group order end to end: docs/decisions/ordering-and-acknowledgement.md
   */
  async append(message: NewMessage): Promise<AppendResult | null> {
    const { groupKey, senderId, text, clientMsgId } = message;
    const group = this.db.groups.get(groupKey);
    const log = this.db.messages.get(groupKey);
    const membership = this.db.members.get(groupKey)?.get(senderId);
    if (!group || !log || !membership) return null;
    let sent = log.bySender.get(senderId);
    if (!sent) log.bySender.set(senderId, (sent = new Map()));
    const existing = sent.get(clientMsgId);
    if (existing) return { message: existing, created: false, groupName: group.name };
    // Spelled out rather than spread, so every record has the same shape.
    const record: MessageRecord = { id: randomUUID(), groupKey, seq: group.lastSeq + 1, senderId, text, clientMsgId, createdAt: new Date() };
    log.records.push(record);
    group.lastSeq = record.seq;
    sent.set(clientMsgId, record);
    membership.readSeq = record.seq;
    return { message: record, created: true, groupName: group.name };
  }

  async page(groupKey: string, range: HistoryRange): Promise<MessageRecord[]> {
    const log = this.db.messages.get(groupKey)?.records ?? [];
    // seq n is at index n - 1, so seq bounds are array bounds.
    const last = range.before !== undefined ? Math.min(range.before - 1, log.length) : log.length;
    if (range.after !== undefined) return log.slice(range.after, Math.max(range.after, Math.min(last, range.after + range.limit)));
    return log.slice(Math.max(0, last - range.limit), Math.max(0, last));
  }
}
