import type { Group } from '@chat/protocol';

/**
 * Whether a message mentions me, before a change (`undefined`: not known
 * here, the group list never saw it) and after it.
 */
export interface MentionOfMe {
  before?: boolean;
  after: boolean;
}

/**
 * A change as the group list counts it. `rev` is there only for live
 * events: history and catch-up pages move `lastSeq`, never `lastRev`,
 * since a page does not say which revisions came before it. `messageRev`
 * (the message's own) tells whether the server's count already holds a
 * page's copy of a message.
 */
export type CountedChange =
  | { kind: 'message'; seq: number; deleted: boolean; mine: boolean; rev?: number; messageRev: number; mention: MentionOfMe }
  | { kind: 'delete'; seq: number; rev: number; mention: MentionOfMe }
  | { kind: 'edit'; seq: number; rev: number; mention: MentionOfMe }
  | { kind: 'reaction'; rev: number }
  /** `mentionsAbove`: how many of the messages above `seq` mention me, when that is known. */
  | { kind: 'read'; seq: number; mentionsAbove?: number };

/**
 * A group's counts after a change. `unread` counts the messages above my
 * marker that are not deleted (the contract's rule), `mentionUnread` those
 * of them that mention me, kept up to date one change at a time:
 * - a message counts once, when its seq first passes `lastSeq`;
 * - a delete or an edit counts once, when its rev first passes `lastRev`
 *   (live events come in rev order, so a lower rev is already in the count);
 * - a mention of me that an edit adds or takes away counts only when it is
 *   known whether the message mentioned me before (the store asks the
 *   server for the counts when it is not);
 * - a marker moving into the middle of the unread ones leaves at most
 *   `lastSeq - readSeq` (exact unless some of those are deleted; the next
 *   REST refresh says; docs/decisions/web-revisions-catch-up.md).
 * Reactions never change counts: they only move `lastRev`.
 */
export function countChange(group: Group, change: CountedChange): Group {
  switch (change.kind) {
    case 'message':
      return countMessage(group, change);
    case 'delete': {
      if (change.rev <= group.lastRev) return group;
      const counted = { ...group, lastRev: change.rev };
      if (!isUnread(counted, change.seq)) return counted;
      const lowered = counted.unread === undefined ? counted : { ...counted, unread: Math.max(0, counted.unread - 1) };
      return remention(lowered, change.seq, { ...change.mention, after: false });
    }
    case 'edit':
      return change.rev > group.lastRev ? remention({ ...group, lastRev: change.rev }, change.seq, change.mention) : group;
    case 'reaction':
      return change.rev > group.lastRev ? { ...group, lastRev: change.rev } : group;
    case 'read':
      return withReadSeq(group, change.seq, change.mentionsAbove);
  }
}

/** My marker moved forward to `seq` (never back). */
export function withReadSeq(group: Group, seq: number, mentionsAbove?: number): Group {
  if (!group.joined || group.readSeq === undefined || seq <= group.readSeq) return group;
  const unread = seq >= group.lastSeq ? 0 : Math.min(group.unread ?? 0, group.lastSeq - seq);
  const moved = { ...group, readSeq: seq, unread };
  if (group.mentionUnread === undefined) return moved;
  return { ...moved, mentionUnread: unread === 0 ? 0 : Math.min(mentionsAbove ?? group.mentionUnread, unread) };
}

/** Whether `seq` is one of the messages above my marker. */
export function isUnread(group: Group, seq: number): boolean {
  return group.joined && group.readSeq !== undefined && seq > group.readSeq && seq <= group.lastSeq;
}

function countMessage(group: Group, message: Extract<CountedChange, { kind: 'message' }>): Group {
  let next = group;
  // A copy of a message already counted (a catch-up page, or a gap the server filled): its mention may have changed.
  if (message.seq <= next.lastSeq && message.messageRev > next.lastRev) next = remention(next, message.seq, message.mention);
  if (message.rev !== undefined && message.rev > next.lastRev) next = { ...next, lastRev: message.rev };
  if (message.seq > next.lastSeq) {
    const { unread, mentionUnread } = next;
    const counts = unread !== undefined && !message.mine && !message.deleted && message.seq > (next.readSeq ?? Infinity);
    next = { ...next, lastSeq: message.seq };
    if (counts) next = { ...next, unread: unread + 1 };
    if (counts && message.mention.after && mentionUnread !== undefined) next = { ...next, mentionUnread: mentionUnread + 1 };
  }
  // The server moves my marker to each message I send (from any tab).
  return message.mine ? withReadSeq(next, message.seq) : next;
}

/** An unread message's mention of me went from `before` to `after`; nothing when `before` is not known. */
function remention(group: Group, seq: number, mention: MentionOfMe): Group {
  const { before, after } = mention;
  if (before === undefined || before === after || group.mentionUnread === undefined || !isUnread(group, seq)) return group;
  return { ...group, mentionUnread: Math.max(0, group.mentionUnread + (after ? 1 : -1)) };
}
