/** REST bodies of the public contract (CONTRACT.md, "REST"). */

export interface User {
  /** Opaque identifier. */
  id: string;
  /** Trimmed, lower-cased. */
  email: string;
  displayName: string;
}

export interface AuthResponse {
  user: User;
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
  members: Member[];
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
