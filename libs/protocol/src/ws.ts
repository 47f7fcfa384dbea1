import type { Dm, Group, Message, OwnUser, User } from './rest';

/** The WebSocket protocol of the public contract (CONTRACT.md, "WebSocket"). */

export const WS_PATH = '/ws';

/** Close codes the server uses. */
export const WsCloseCode = {
  /** The server is going away (shutdown); reconnect, possibly elsewhere. */
  GoingAway: 1001,
  /** A frame was larger than WS_MAX_FRAME_BYTES. */
  MessageTooBig: 1009,
  /** The token could not be checked now (the database is unreachable); reconnect after a short wait. */
  TryAgainLater: 1013,
  /** Missing, bad, expired or revoked token. */
  Unauthorized: 4401,
  /** The user already holds WS_MAX_CONNECTIONS_PER_USER open sockets. */
  TooManyConnections: 4429,
} as const;

/** Every frame, in both directions. */
export interface Frame<E extends string = string, D = unknown> {
  event: E;
  data: D;
}

export interface SendData {
  group: string;
  text: string;
  clientMsgId: string;
  /** The seq of the message this one answers (same group, not deleted). */
  replyTo?: number;
}

export interface TypingData {
  group: string;
}

export interface ReadData {
  group: string;
  seq: number;
}

/** Events a client sends, with their data. */
export interface ClientEvents {
  send: SendData;
  typing: TypingData;
  read: ReadData;
}

export type ClientEventName = keyof ClientEvents;

/**
 * Every client event name, at run time (for documents and tests). A record
 * keyed by the type, so adding an event to ClientEvents without listing it
 * here (or the reverse) does not compile.
 */
const CLIENT_EVENTS: Record<ClientEventName, true> = { send: true, typing: true, read: true };
export const CLIENT_EVENT_NAMES = Object.keys(CLIENT_EVENTS) as readonly ClientEventName[];

/** The `code` of an `error` event; the type derives from this list. */
export const WS_ERROR_CODES = ['bad_request', 'forbidden', 'not_found', 'rate_limited', 'unavailable'] as const;
export type WsErrorCode = (typeof WS_ERROR_CODES)[number];

export interface ReadyEvent {
  /** The receiver's own user, with its email. */
  user: OwnUser;
  /** Names of the groups and dms the user is a member of. */
  groups: string[];
}

export interface TypingEvent {
  group: string;
  user: User;
}

export interface ReadEvent {
  group: string;
  seq: number;
}

export interface PresenceEvent {
  user: User;
  online: boolean;
}

export interface MemberEvent {
  group: string;
  user: User;
  joined: boolean;
}

/** A message's text changed (everything else about it stays). */
export interface EditEvent {
  group: string;
  seq: number;
  rev: number;
  text: string;
  editedAt: string;
  mentions: string[];
}

/** A message became a tombstone. */
export interface DeleteEvent {
  group: string;
  seq: number;
  rev: number;
}

/** Someone added (`added`) or removed a reaction; `count` is the emoji's count after it. */
export interface ReactionEvent {
  group: string;
  seq: number;
  rev: number;
  emoji: string;
  /** Who reacted. */
  user: User;
  added: boolean;
  count: number;
}

export interface ErrorEvent {
  code: WsErrorCode;
  message: string;
  clientMsgId?: string;
}

/** Events the server sends, with their data. */
export interface ServerEvents {
  ready: ReadyEvent;
  message: Message;
  edit: EditEvent;
  delete: DeleteEvent;
  reaction: ReactionEvent;
  typing: TypingEvent;
  read: ReadEvent;
  presence: PresenceEvent;
  member: MemberEvent;
  group: Group;
  /** A dm was opened with the receiver (each of the two receives their own view). */
  dm: Dm;
  error: ErrorEvent;
}

export type ServerEventName = keyof ServerEvents;

/** Every server event name, at run time; checked against ServerEvents like CLIENT_EVENT_NAMES. */
const SERVER_EVENTS: Record<ServerEventName, true> = {
  ready: true,
  message: true,
  edit: true,
  delete: true,
  reaction: true,
  typing: true,
  read: true,
  presence: true,
  member: true,
  group: true,
  dm: true,
  error: true,
};
export const SERVER_EVENT_NAMES = Object.keys(SERVER_EVENTS) as readonly ServerEventName[];

export type ServerFrame = {
  [E in ServerEventName]: Frame<E, ServerEvents[E]>;
}[ServerEventName];

export type ClientFrame = {
  [E in ClientEventName]: Frame<E, ClientEvents[E]>;
}[ClientEventName];
