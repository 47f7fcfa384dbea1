import type { Message } from '@chat/protocol';

/**
 * Port: a group's stored messages after a seq, which live delivery reads
 * to fill a gap in its seq order. Implemented by the messages side
 * (StoredMessageHistory), so delivery depends on this narrow read only and
 * never on MessagesService, which publishes what delivery consumes.
 */
export abstract class MessageHistory {
  /** Up to one page of the group's messages with a seq above `afterSeq`, ascending; none for an unknown group. */
  abstract since(groupKey: string, afterSeq: number): Promise<Message[]>;
}
