import { codePointPrefix, REPLY_EXCERPT_LENGTH } from '@chat/protocol';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppendRefusal, AppendResult, ChangeResult, ChangesPageRecord, MessagesRepository } from '../messages.repository';
import type { GroupRecord, HistoryRange, MessageRecord, MessageRef, NewMessage } from '../records';
import { GroupLog, MemoryDatabase } from './memory-database';
import { insertSorted } from './sorted-seqs';

/**
 * Every method is synchronous inside: taking a seq or a rev and storing
 * the change cannot interleave with another change.
 * Per-group order end to end: docs/decisions/ordering-and-acknowledgement.md
 */
@Injectable()
export class MemoryMessagesRepository extends MessagesRepository {
  constructor(private readonly db: MemoryDatabase) {
    super();
  }

  async append(message: NewMessage): Promise<AppendResult | AppendRefusal> {
    const { groupKey, senderId, text, clientMsgId, replyTo = null } = message;
    const group = this.db.groups.get(groupKey);
    const log = this.db.messages.get(groupKey);
    const membership = this.db.members.get(groupKey)?.get(senderId);
    if (!group || !log || !membership) return 'refused';
    let sent = log.bySender.get(senderId);
    if (!sent) log.bySender.set(senderId, (sent = new Map()));
    const existing = sent.get(clientMsgId);
    if (existing !== undefined) return { message: withReply(log, log.records[existing - 1]), created: false, groupName: group.name };
    if (replyTo !== null && !(replyTo <= log.records.length && !log.records[replyTo - 1].deleted)) return 'reply_not_found';
    // Spelled out rather than spread, so every record has the same shape.
    const record: MessageRecord = {
      id: randomUUID(),
      groupKey,
      seq: group.lastSeq + 1,
      rev: nextRev(group),
      senderId,
      text,
      clientMsgId,
      createdAt: new Date(),
      editedAt: null,
      deleted: false,
      replyTo,
      repliedTo: null,
    };
    log.records.push(record);
    log.seqByRev.push(record.seq);
    group.lastSeq = record.seq;
    sent.set(clientMsgId, record.seq);
    membership.readSeq = record.seq;
    return { message: withReply(log, record), created: true, groupName: group.name };
  }

  async page(groupKey: string, range: HistoryRange): Promise<MessageRecord[]> {
    const log = this.db.messages.get(groupKey);
    if (!log) return [];
    const records = log.records;
    // seq n is at index n - 1, so seq bounds are array bounds.
    const last = range.before !== undefined ? Math.min(range.before - 1, records.length) : records.length;
    const page =
      range.after !== undefined
        ? records.slice(range.after, Math.max(range.after, Math.min(last, range.after + range.limit)))
        : records.slice(Math.max(0, last - range.limit), Math.max(0, last));
    return page.map((record) => withReply(log, record));
  }

  async edit(ref: MessageRef, text: string): Promise<ChangeResult> {
    return this.change(ref, (record, group, log) => {
      if (record.deleted) return { outcome: 'deleted' };
      if (record.text === text) return { outcome: 'unchanged', message: withReply(log, record), groupName: group.name };
      return this.replace(group, log, { ...record, text, editedAt: new Date(), rev: nextRev(group) });
    });
  }

  async remove(ref: MessageRef): Promise<ChangeResult> {
    return this.change(ref, (record, group, log) => {
      if (record.deleted) return { outcome: 'unchanged', message: record, groupName: group.name };
      insertSorted(log.deletedSeqs, record.seq);
      const tombstone = { ...record, text: '', editedAt: null, deleted: true, replyTo: null, repliedTo: null, rev: nextRev(group) };
      return this.replace(group, log, tombstone);
    });
  }

  async changes(groupKey: string, afterRev: number, limit: number): Promise<ChangesPageRecord | null> {
    const group = this.db.groups.get(groupKey);
    const log = this.db.messages.get(groupKey);
    if (!group || !log) return null;
    const messages: MessageRecord[] = [];
    let more = false;
    for (let rev = afterRev + 1; rev <= group.lastRev; rev++) {
      const record = log.records[log.seqByRev[rev - 1] - 1];
      if (record.rev !== rev) continue; // changed again later: it comes at that rev
      if (messages.length === limit) {
        more = true;
        break;
      }
      messages.push(withReply(log, record));
    }
    return { messages, lastRev: group.lastRev, more };
  }

  /** The checks every change makes, in the order the statuses are answered: 404, 403, 404, 403. */
  private change(ref: MessageRef, apply: (record: MessageRecord, group: GroupRecord, log: GroupLog) => ChangeResult): ChangeResult {
    const group = this.db.groups.get(ref.groupKey);
    const log = this.db.messages.get(ref.groupKey);
    if (!group || !log) return { outcome: 'no_group' };
    if (!this.db.members.get(ref.groupKey)?.has(ref.userId)) return { outcome: 'not_member' };
    const record = log.records[ref.seq - 1];
    if (!record) return { outcome: 'no_message' };
    if (record.senderId !== ref.userId) return { outcome: 'not_sender' };
    return apply(record, group, log);
  }

  private replace(group: GroupRecord, log: GroupLog, record: MessageRecord): ChangeResult {
    log.records[record.seq - 1] = record;
    log.seqByRev.push(record.seq);
    return { outcome: 'changed', message: withReply(log, record), groupName: group.name };
  }
}

/** Taken only by a change that is then stored (and indexed in seqByRev) at once. */
function nextRev(group: GroupRecord): number {
  return ++group.lastRev;
}

/** The record with the message it answers as that message is now (a copy only for a reply). */
function withReply(log: GroupLog, record: MessageRecord): MessageRecord {
  if (record.replyTo === null) return record;
  const original = log.records[record.replyTo - 1];
  const repliedTo = { senderId: original.senderId, excerpt: codePointPrefix(original.text, REPLY_EXCERPT_LENGTH), deleted: original.deleted };
  return { ...record, repliedTo };
}
