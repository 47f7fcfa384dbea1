import { deriveMentions } from '@chat/protocol';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppendRefusal, AppendResult, ChangeResult, ChangesPageRecord, MessagesRepository } from '../messages.repository';
import type { GroupRecord, HistoryRange, MessageRecord, MessageRef, NewMessage, NewText } from '../records';
import { indexMentions, nextRev, storeChange, withReply } from './history-changes';
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
    const members = this.db.members.get(groupKey);
    const membership = members?.get(senderId);
    if (!group || !log || !members || !membership) return 'refused';
    let sent = log.bySender.get(senderId);
    if (!sent) log.bySender.set(senderId, (sent = new Map()));
    const existing = sent.get(clientMsgId);
    if (existing !== undefined) return { message: withReply(log, log.records[existing - 1]), created: false, groupName: group.name };
    if (replyTo !== null && log.records[replyTo - 1]?.deleted !== false) return 'reply_not_found';
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
      mentions: mentionsOf(message.mentionTokens, senderId, replyTo === null ? null : log.records[replyTo - 1].senderId, members),
      reactions: [],
    };
    log.records.push(record);
    log.seqByRev.push(record.seq);
    if (record.mentions.length > 0) indexMentions(log, record.seq, [], record.mentions);
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

  async edit(ref: MessageRef, { text, mentionTokens }: NewText): Promise<ChangeResult> {
    return this.change(ref, (record, group, log) => {
      if (record.deleted) return { outcome: 'deleted' };
      if (record.text === text) return { outcome: 'unchanged', message: withReply(log, record), groupName: group.name };
      const repliedToSender = record.replyTo === null ? null : log.records[record.replyTo - 1].senderId;
      const mentions = mentionsOf(mentionTokens, record.senderId, repliedToSender, this.db.members.get(ref.groupKey) ?? new Map());
      return this.replace(group, log, { ...record, text, mentions, editedAt: new Date(), rev: nextRev(group) });
    });
  }

  async remove(ref: MessageRef): Promise<ChangeResult> {
    return this.change(ref, (record, group, log) => {
      if (record.deleted) return { outcome: 'unchanged', message: record, groupName: group.name };
      insertSorted(log.deletedSeqs, record.seq);
      const tombstone = { ...record, text: '', editedAt: null, deleted: true, replyTo: null, repliedTo: null, mentions: [], reactions: [], rev: nextRev(group) };
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
    storeChange(log, record);
    return { outcome: 'changed', message: withReply(log, record), groupName: group.name };
  }
}

/** The contract's mention rule against the group's members as they are now; nothing to look up without tokens or a reply. */
function mentionsOf(tokens: readonly string[], senderId: string, repliedToSender: string | null, members: ReadonlyMap<string, unknown>): readonly string[] {
  if (tokens.length === 0 && repliedToSender === null) return NO_MENTIONS;
  return deriveMentions(tokens, senderId, repliedToSender, (id) => members.has(id));
}

/** Shared by every message that mentions no one (records are never changed in place). */
const NO_MENTIONS: readonly string[] = Object.freeze([]);
