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

export interface Group {
  name: string;
  /** ISO-8601. */
  createdAt: string;
  createdBy: User;
  memberCount: number;
  /** Whether the caller is a member. */
  joined: boolean;
  /** The seq of the group's newest message, 0 when it has none. */
  lastSeq: number;
  /** The caller's read marker; only for members. */
  readSeq?: number;
  /** `lastSeq - readSeq`; only for members. */
  unread?: number;
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

export interface Message {
  id: string;
  group: string;
  /** 1, 2, 3, ... per group, with no gaps and no repeats. */
  seq: number;
  sender: User;
  text: string;
  /** ISO-8601. */
  createdAt: string;
  clientMsgId: string;
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
