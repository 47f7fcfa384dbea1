import { codePointPrefix, REPLY_EXCERPT_LENGTH } from '@chat/protocol';
import type { GroupRecord, MessageRecord } from '../records';
import type { GroupLog } from './memory-database';
import { insertSorted, removeSorted } from './sorted-seqs';

/**
 * What every change to a group's history does in memory (an edit, a
 * delete, a reaction): records are immutable, so a change stores a new
 * record at the same seq, under the group's next rev.
 */

/** Taken only by a change that is then stored (and indexed in seqByRev) at once. */
export function nextRev(group: GroupRecord): number {
  return ++group.lastRev;
}

/** Stores the changed record (its rev already taken with nextRev) and indexes its rev and mentions. */
export function storeChange(log: GroupLog, record: MessageRecord): void {
  const previous = log.records[record.seq - 1];
  log.records[record.seq - 1] = record;
  log.seqByRev.push(record.seq);
  if (previous.mentions !== record.mentions) indexMentions(log, record.seq, previous.mentions, record.mentions);
}

/** Keeps `mentionSeqs` in step with a message's mentions going from `before` to `after`. */
export function indexMentions(log: GroupLog, seq: number, before: readonly string[], after: readonly string[]): void {
  for (const id of before) if (!after.includes(id)) removeSorted(log.mentionSeqs.get(id) ?? [], seq);
  for (const id of after) {
    if (before.includes(id)) continue;
    let seqs = log.mentionSeqs.get(id);
    if (!seqs) log.mentionSeqs.set(id, (seqs = []));
    insertSorted(seqs, seq);
  }
}

/** The record with the message it answers as that message is now (a copy only for a reply). */
export function withReply(log: GroupLog, record: MessageRecord): MessageRecord {
  if (record.replyTo === null) return record;
  const original = log.records[record.replyTo - 1];
  const repliedTo = { senderId: original.senderId, excerpt: codePointPrefix(original.text, REPLY_EXCERPT_LENGTH), deleted: original.deleted };
  return { ...record, repliedTo };
}
