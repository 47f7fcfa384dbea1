import type { Group } from '@chat/protocol';

/**
 * A change as the group list counts it. `rev` is there only for live
 * events: history and catch-up pages move `lastSeq`, never `lastRev`,
 * since a page does not say which revisions came before it.
 */
export type CountedChange =
  | { kind: 'message'; seq: number; deleted: boolean; mine: boolean; rev?: number }
  | { kind: 'delete'; seq: number; rev: number }
  | { kind: 'edit'; rev: number }
  | { kind: 'read'; seq: number };

/**
 * A group's counts after a change. `unread` counts the messages above my
 * marker that are not deleted (the contract's rule), kept up to date one
 * change at a time:
 * - a message counts once, when its seq first passes `lastSeq`;
 * - a delete counts once, when its rev first passes `lastRev` (live events
 *   come in rev order, so a lower rev is already in the count);
 * - a marker moving into the middle of the unread ones leaves at most
 *   `lastSeq - readSeq` (exact unless some of those are deleted; the next
 *   REST refresh says; docs/decisions/web-revisions-catch-up.md).
 */
export function countChange(group: Group, change: CountedChange): Group {
  switch (change.kind) {
    case 'message':
      return countMessage(group, change);
    case 'delete': {
      if (change.rev <= group.lastRev) return group;
      const counted = { ...group, lastRev: change.rev };
      const wasUnread = change.seq > (group.readSeq ?? Infinity) && change.seq <= group.lastSeq;
      return wasUnread && counted.unread !== undefined ? { ...counted, unread: Math.max(0, counted.unread - 1) } : counted;
    }
    case 'edit':
      return change.rev > group.lastRev ? { ...group, lastRev: change.rev } : group;
    case 'read':
      return withReadSeq(group, change.seq);
  }
}

/** My marker moved forward to `seq` (never back). */
export function withReadSeq(group: Group, seq: number): Group {
  if (!group.joined || group.readSeq === undefined || seq <= group.readSeq) return group;
  const unread = seq >= group.lastSeq ? 0 : Math.min(group.unread ?? 0, group.lastSeq - seq);
  return { ...group, readSeq: seq, unread };
}

function countMessage(group: Group, message: Extract<CountedChange, { kind: 'message' }>): Group {
  let next = group;
  if (message.rev !== undefined && message.rev > next.lastRev) next = { ...next, lastRev: message.rev };
  if (message.seq > next.lastSeq) {
    const unread = next.unread;
    const counts = unread !== undefined && !message.mine && !message.deleted && message.seq > (next.readSeq ?? Infinity);
    next = { ...next, lastSeq: message.seq, ...(counts ? { unread: unread + 1 } : {}) };
  }
  // The server moves my marker to each message I send (from any tab).
  return message.mine ? withReadSeq(next, message.seq) : next;
}
