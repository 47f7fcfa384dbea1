/** REST bodies of the public contract (CONTRACT.md, "REST"). */

/** A user as anyone sees them. The email is private: it is never in this shape. */
export interface User {
  /** Opaque identifier. */
  id: string;
  displayName: string;
}

/**
 * The caller's own user: sign-up, login, `GET /api/users/me` and
 * `ready.user`. The only user object that carries the email.
 */
export interface OwnUser extends User {
  /** Trimmed, lower-cased. */
  email: string;
}

export interface AuthResponse {
  user: OwnUser;
  /** Bearer token: `Authorization: Bearer <token>` or `/ws?token=<token>`. */
  token: string;
}

export interface RegisterRequest {
  email: string;
  password: string;
  displayName?: string;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface CreateGroupRequest {
  name: string;
}

/** `group`: a named group anyone may join; `dm`: a direct conversation of exactly two people. */
export type GroupKind = 'group' | 'dm';

export interface Group {
  /** For a dm, chosen by the server outside the group-name grammar (it starts with DM_NAME_PREFIX). */
  name: string;
  kind: GroupKind;
  /** ISO-8601. */
  createdAt: string;
  createdBy: User;
  memberCount: number;
  /** Whether the caller is a member. */
  joined: boolean;
  /** The seq of the group's newest message, 0 when it has none. */
  lastSeq: number;
  /** The revision of the group's newest change (message, edit, delete, reaction), 0 when none. */
  lastRev: number;
  /** The caller's read marker; only for members. */
  readSeq?: number;
  /** Messages above `readSeq` that are not deleted; only for members. */
  unread?: number;
  /** Of those, the ones whose current `mentions` include the caller; only for members. */
  mentionUnread?: number;
}

/** A member as listed by `GET /api/groups/:name`. */
export interface Member extends User {
  /** Whether the member has at least one open WebSocket. */
  online: boolean;
}

export interface GroupDetail extends Group {
  /** Only for a member: a non-member sees neither who is in the group nor who is online. */
  members?: Member[];
}

/**
 * A direct message conversation (CONTRACT.md, "Direct messages"): a group of
 * exactly two people that only they can see. Every group route and event
 * works with its `name`.
 */
export interface Dm extends Group {
  kind: 'dm';
  /** Both people (the one who opened it first), in every answer and event that carries the dm. */
  members: User[];
}

/** `POST /api/dms`: open (or find) the dm with this user. */
export interface CreateDmRequest {
  userId: string;
}

/** The message a reply answers, as it is when the reply is read (never a stored copy). */
export interface ReplyTo {
  seq: number;
  sender: User;
  /** The first REPLY_EXCERPT_LENGTH code points of its current text; `""` once it is deleted. */
  excerpt: string;
  deleted: boolean;
}

/** One emoji's reactions on a message. */
export interface Reaction {
  emoji: string;
  count: number;
  /** Whether the caller is among them (`false` in WebSocket events). */
  me: boolean;
}

/**
 * One emoji's reactions with who reacted, oldest first:
 * `GET /api/groups/:name/messages/:seq/reactions` (beyond the contract, for
 * the "who reacted" hint of a client).
 */
export interface ReactionWithUsers extends Reaction {
  users: User[];
}

export interface Message {
  id: string;
  group: string;
  /** 1, 2, 3, ... per group, with no gaps and no repeats. */
  seq: number;
  /** The revision of the message's latest change: a client keeps the copy with the highest. */
  rev: number;
  sender: User;
  /** `""` once deleted. */
  text: string;
  /** ISO-8601. */
  createdAt: string;
  clientMsgId: string;
  /** ISO-8601 of the last edit, or `null`. */
  editedAt: string | null;
  /** A tombstone: text `""`, editedAt and replyTo `null`, no mentions or reactions. */
  deleted: boolean;
  replyTo: ReplyTo | null;
  /** Ids of the members the text mentions (`<@id>` tokens, and the sender of the message replied to). */
  mentions: string[];
  /** Each emoji with at least one reaction, in the order each last went from none to one. */
  reactions: Reaction[];
}

export interface EditMessageRequest {
  text: string;
}

export interface ChangesQuery {
  /** Only changes with a higher rev (0 for all). */
  after: number;
  limit?: number;
}

/** `GET /api/groups/:name/changes`: the current state of every message changed after a rev. */
export interface ChangesPage {
  /** Ascending by rev, each message once. */
  messages: Message[];
  /** The group's newest revision. */
  lastRev: number;
  /** Further changes exist: ask again with `after` = the last message's rev. */
  more: boolean;
}

export interface HistoryQuery {
  before?: number;
  after?: number;
  limit?: number;
}

/** Nest's error shape, used by every REST failure. */
export interface ErrorBody {
  statusCode: number;
  message: string | string[];
  error: string;
}
