import type { HistoryRange, MessageRecord, NewMessage } from './records';

export interface AppendResult {
  message: MessageRecord;
  /** `false` when (group, sender, clientMsgId) was stored before: nothing new was written. */
  created: boolean;
}

/** Port: the messages of each group, numbered by a gapless per-group seq. */
export abstract class MessagesRepository {
  /**
   * Stores a message with the group's next seq, raises the group's lastSeq
   * and moves the sender's read marker to it, all at once; idempotent on
   * (group, sender, clientMsgId).
   */
  abstract append(message: NewMessage): Promise<AppendResult>;
  /** Ascending by seq; see HistoryRange for the bounds. */
  abstract page(groupKey: string, range: HistoryRange): Promise<MessageRecord[]>;
}
