/** What the storage ports keep. Never returned to a client as is: see the mappers beside the DTOs. */

export interface UserRecord {
  id: string;
  /** Trimmed and lower-cased; unique. */
  email: string;
  displayName: string;
  passwordHash: string;
  createdAt: Date;
}

export interface GroupRecord {
  /** Lower-cased name: the case-insensitive identity. */
  key: string;
  /** The name as its creator wrote it. */
  name: string;
  createdAt: Date;
  createdById: string;
  memberCount: number;
  /** The seq of the newest message, 0 when there is none. */
  lastSeq: number;
  /** The revision of the newest change to the group's history, 0 when there is none. */
  lastRev: number;
}

export interface MessageRecord {
  id: string;
  groupKey: string;
  seq: number;
  /** The group revision of this message's latest change (its creation, edit or delete). */
  rev: number;
  senderId: string;
  /** `""` once deleted: a tombstone keeps no text. */
  text: string;
  clientMsgId: string;
  createdAt: Date;
  editedAt: Date | null;
  deleted: boolean;
  /** The seq of the message this one answers. */
  replyTo: number | null;
  /** That message as it is now, read with this one (never stored with it). */
  repliedTo: RepliedTo | null;
}

/** What a reply shows of the message it answers, read when the reply is read. */
export interface RepliedTo {
  senderId: string;
  /** The first REPLY_EXCERPT_LENGTH code points of its current text. */
  excerpt: string;
  deleted: boolean;
}

export interface NewMessage {
  groupKey: string;
  senderId: string;
  text: string;
  clientMsgId: string;
  replyTo?: number;
}

/** Who asks to change which message. */
export interface MessageRef {
  groupKey: string;
  seq: number;
  /** The caller: only the sender may change a message. */
  userId: string;
}

/**
 * A membership's read marker and its unread count: the messages above the
 * marker that are not deleted.
 */
export interface ReadMarker {
  readSeq: number;
  unread: number;
}

export interface HistoryRange {
  /** Only seqs below this. */
  before?: number;
  /** Only seqs above this; the page then starts right after it. */
  after?: number;
  limit: number;
}
