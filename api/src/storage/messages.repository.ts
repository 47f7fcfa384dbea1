import type { HistoryRange, MessageRecord, NewMessage } from './records';

export interface AppendResult {
  message: MessageRecord;
  /** `false` when (group, sender, clientMsgId) was stored before: nothing new was written. */
  created: boolean;
  /** The group's name as created (its key is lower-cased). */
  groupName: string;
}

/** Port: the messages of each group, numbered by a gapless per-group seq. */
export abstract class MessagesRepository {
  /**
   * Stores a message with the group's next seq, raises the group's lastSeq
   * and moves the sender's read marker to it, all at once; idempotent on
   * (group, sender, clientMsgId). `null` when there is no such group or the
   * sender is not a member: the membership check is part of the append, so
   * a send is one round trip to a database (the caller finds out which
   * refusal it was only when there is one).
   */
  abstract append(message: NewMessage): Promise<AppendResult | null>;
  /** Ascending by seq; see HistoryRange for the bounds. */
  abstract page(groupKey: string, range: HistoryRange): Promise<MessageRecord[]>;
}
