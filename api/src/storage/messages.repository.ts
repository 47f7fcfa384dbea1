import type { HistoryRange, MessageRecord, MessageRef, NewMessage, NewText } from './records';

export interface AppendResult {
  message: MessageRecord;
  /** `false` when (group, sender, clientMsgId) was stored before: nothing new was written. */
  created: boolean;
  /** The group's name as created (its key is lower-cased). */
  groupName: string;
}

/**
 * Why an append stored nothing: `refused`, no such group or the sender is
 * not a member (the caller finds out which only when it happens);
 * `reply_not_found`, the message it answers is not in the group or is deleted.
 */
export type AppendRefusal = 'refused' | 'reply_not_found';

/**
 * What an edit or a delete did. `unchanged`: nothing to do (the same text,
 * or deleting a tombstone), so no revision was taken. Otherwise why not.
 */
export type ChangeResult =
  | { outcome: 'changed' | 'unchanged'; message: MessageRecord; groupName: string }
  | { outcome: 'no_group' | 'not_member' | 'no_message' | 'not_sender' | 'deleted' };

export interface ChangesPageRecord {
  /** Ascending by rev, each message once, in its current state. */
  messages: MessageRecord[];
  /** The group's lastRev, read with the page (so a client that stores it misses nothing). */
  lastRev: number;
  more: boolean;
}

/**
 * Port: the messages of each group, numbered by a gapless per-group seq,
 * and every change to them (new message, edit, delete; reactions are
 * ReactionsRepository's) numbered by a gapless per-group revision taken
 * with the change itself. Mentions are kept as the contract says, from
 * the tokens given and the group's members when the text is stored.
 */
export abstract class MessagesRepository {
  /**
   * Stores a message with the group's next seq and rev, raises the group's
   * lastSeq and lastRev and moves the sender's read marker to it, all at
   * once; idempotent on (group, sender, clientMsgId), a tombstone's
   * included. The membership check is part of the append, so a send is one
   * round trip to a database.
   */
  abstract append(message: NewMessage): Promise<AppendResult | AppendRefusal>;
  /** Ascending by seq; see HistoryRange for the bounds. */
  abstract page(groupKey: string, range: HistoryRange): Promise<MessageRecord[]>;
  /** The sender replaces the text (and so its mentions): a new rev and editedAt, unless the text is the same. */
  abstract edit(ref: MessageRef, change: NewText): Promise<ChangeResult>;
  /** The sender turns it into a tombstone (no text kept): a new rev, unless it already is one. */
  abstract remove(ref: MessageRef): Promise<ChangeResult>;
  /** Messages whose rev is above `afterRev`, ascending by rev, at most `limit`; `null` for an unknown group. */
  abstract changes(groupKey: string, afterRev: number, limit: number): Promise<ChangesPageRecord | null>;
}
