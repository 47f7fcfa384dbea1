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
}

export interface MessageRecord {
  id: string;
  groupKey: string;
  seq: number;
  senderId: string;
  text: string;
  clientMsgId: string;
  createdAt: Date;
}

export interface NewMessage {
  groupKey: string;
  senderId: string;
  text: string;
  clientMsgId: string;
}

export interface HistoryRange {
  /** Only seqs below this. */
  before?: number;
  /** Only seqs above this; the page then starts right after it. */
  after?: number;
  limit: number;
}
