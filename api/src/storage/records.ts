import type { GroupKind } from '@chat/protocol';

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
  /** The name as its creator wrote it; for a dm, the server's (see dm-name.ts). */
  name: string;
  /** A named group anyone may join, or a dm: exactly two members, invisible to anyone else. */
  kind: GroupKind;
  createdAt: Date;
  createdById: string;
  memberCount: number;
  /** The seq of the newest message, 0 when there is none. */
  lastSeq: number;
  /** The revision of the newest change to the group's history, 0 when there is none. */
  lastRev: number;
}

/** A dm with what listing it needs besides the group: both people and when it was last active. */
export interface DmRecord extends GroupRecord {
  kind: 'dm';
  /** The one who opened it, then the other. */
  memberIds: readonly [string, string];
  /** When its newest message was sent, else when it was opened. */
  lastActivityAt: Date;
}

export interface MessageRecord {
  id: string;
  groupKey: string;
  seq: number;
  /** The group revision of this message's latest change (its creation, an edit, a delete or a reaction). */
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
  /** Ids of the members the text mentions, derived when it was sent or last edited; `[]` once deleted. */
  mentions: readonly string[];
  /** Each emoji with at least one reaction, in the order each last went from none to one; `[]` once deleted. */
  reactions: readonly ReactionRecord[];
}

/** One emoji's reactions on a message: who, oldest first. */
export interface ReactionRecord {
  emoji: string;
  userIds: readonly string[];
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
  /**
   * The ids the text's `<@id>` tokens name, in order of first appearance.
   * Storage keeps those of current members (and the replied-to sender
   * first) as it stores the message, so membership is read at that moment.
   */
  mentionTokens: readonly string[];
}

/** An edit: the new text and its mention tokens (see NewMessage.mentionTokens). */
export interface NewText {
  text: string;
  mentionTokens: readonly string[];
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
  /** Of those, the ones whose mentions include the member. */
  mentionUnread: number;
}

export interface HistoryRange {
  /** Only seqs below this. */
  before?: number;
  /** Only seqs above this; the page then starts right after it. */
  after?: number;
  limit: number;
}
