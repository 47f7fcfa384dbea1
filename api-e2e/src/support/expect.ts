import type { ErrorEvent, Group, GroupDetail, Message, OwnUser, User } from '@chat/protocol';
import type { ApiResponse } from './api-client';

/** The `error` phrase Nest puts next to each status code. */
export const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Asserts the exact status and Nest's error body:
 * `{statusCode, message, error}` and nothing else, `message` a non-empty
 * string or a non-empty array of non-empty strings.
 */
export function expectNestError(res: Omit<ApiResponse, 'text'>, status: number): void {
  // Status and body together, so a failure shows what the server answered.
  expect({ status: res.status, body: res.body }).toEqual({
    status,
    body: { statusCode: status, message: expect.anything(), error: STATUS_TEXT[status] },
  });
  const message = res.body.message;
  if (Array.isArray(message)) {
    expect(message.length).toBeGreaterThan(0);
    for (const m of message) expect(typeof m === 'string' && m.length > 0).toBe(true);
  } else {
    expect(typeof message).toBe('string');
    expect(message.length).toBeGreaterThan(0);
  }
}

/** A refusal to retry later (429, 503): Nest's error body and a `Retry-After` of whole seconds, at most `maxSeconds`. */
export function expectRetryLater(res: ApiResponse, status: 429 | 503, maxSeconds: number): void {
  expectNestError(res, status);
  const retryAfter = res.headers.get('retry-after') ?? '';
  expect(retryAfter).toMatch(/^\d+$/);
  expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(retryAfter)).toBeLessThanOrEqual(maxSeconds);
}

/** Asserts a status code, showing the body when it differs. */
export function expectStatus(res: ApiResponse, status: number): void {
  expect({ status: res.status, body: res.body }).toEqual({ status, body: res.body });
}

/** A user as others see them is exactly `{id, displayName}`: no email, no hash, nothing else. */
export function expectUserShape(user: User, expected?: Partial<User>): void {
  expect(Object.keys(user).sort()).toEqual(['displayName', 'id']);
  expect(typeof user.id).toBe('string');
  expect(user.id.length).toBeGreaterThan(0);
  expect(typeof user.displayName).toBe('string');
  if (expected) expect(user).toMatchObject(expected);
}

/** The caller's own user is exactly `{id, email, displayName}` (no hash, no token, nothing else). */
export function expectOwnUserShape(user: OwnUser, expected?: Partial<OwnUser>): void {
  expect(Object.keys(user).sort()).toEqual(['displayName', 'email', 'id']);
  expect(typeof user.id).toBe('string');
  expect(user.id.length).toBeGreaterThan(0);
  expect(typeof user.email).toBe('string');
  expect(typeof user.displayName).toBe('string');
  if (expected) expect(user).toMatchObject(expected);
}

export function expectIsoDate(value: unknown): void {
  expect(typeof value).toBe('string');
  expect(value).toMatch(ISO_8601);
  expect(Number.isNaN(Date.parse(value as string))).toBe(false);
}

/**
 * A group (kind `group`; for a dm see expectDmShape in dms.ts): `{name, kind, createdAt,
 * createdBy, memberCount, joined, lastSeq, lastRev}`, plus `readSeq`, `unread` and
 * `mentionUnread` exactly when the caller is a member (and, in the detail, `members` exactly
 * then too).
 */
export function expectGroupShape(group: Group | GroupDetail, opts: { detail?: boolean } = {}): void {
  const keys = ['createdAt', 'createdBy', 'joined', 'kind', 'lastRev', 'lastSeq', 'memberCount', 'name'];
  if (group.joined) keys.push('mentionUnread', 'readSeq', 'unread');
  if (opts.detail && group.joined) keys.push('members');
  expect(Object.keys(group).sort()).toEqual(keys.sort());
  expect(typeof group.name).toBe('string');
  expect(group.kind).toBe('group');
  expectIsoDate(group.createdAt);
  expectUserShape(group.createdBy);
  expect(Number.isInteger(group.memberCount)).toBe(true);
  expect(typeof group.joined).toBe('boolean');
  expect(Number.isInteger(group.lastSeq)).toBe(true);
  expect(Number.isInteger(group.lastRev)).toBe(true);
  // Every message took a revision: at least as many revisions as messages.
  expect(group.lastRev).toBeGreaterThanOrEqual(group.lastSeq);
  if (group.joined) {
    expect(Number.isInteger(group.readSeq)).toBe(true);
    // The messages above the marker that are not deleted: at most lastSeq - readSeq.
    expect(Number.isInteger(group.unread)).toBe(true);
    expect(group.unread).toBeGreaterThanOrEqual(0);
    expect(group.unread).toBeLessThanOrEqual(group.lastSeq - (group.readSeq as number));
    // The unread messages that mention the caller: a part of the unread ones.
    expect(Number.isInteger(group.mentionUnread)).toBe(true);
    expect(group.mentionUnread).toBeGreaterThanOrEqual(0);
    expect(group.mentionUnread).toBeLessThanOrEqual(group.unread as number);
  }
  if (opts.detail && group.joined) {
    const members = (group as GroupDetail).members;
    expect(Array.isArray(members)).toBe(true);
    expect(members?.length).toBe(group.memberCount);
    for (const m of members ?? []) {
      expect(Object.keys(m).sort()).toEqual(['displayName', 'id', 'online']);
      expect(typeof m.online).toBe('boolean');
    }
  }
}

export const MESSAGE_KEYS = [
  'clientMsgId',
  'createdAt',
  'deleted',
  'editedAt',
  'group',
  'id',
  'mentions',
  'reactions',
  'replyTo',
  'rev',
  'sender',
  'seq',
  'text',
];

/**
 * A message is exactly `{id, group, seq, rev, sender, text, createdAt,
 * clientMsgId, editedAt, deleted, replyTo, mentions, reactions}`; a deleted
 * one is a tombstone (text `""`, editedAt and replyTo `null`, no mentions or
 * reactions).
 */
export function expectMessageShape(message: Message): void {
  expect(Object.keys(message).sort()).toEqual(MESSAGE_KEYS);
  expect(typeof message.id).toBe('string');
  expect(message.id.length).toBeGreaterThan(0);
  expect(typeof message.group).toBe('string');
  expect(Number.isInteger(message.seq)).toBe(true);
  expect(message.seq).toBeGreaterThanOrEqual(1);
  // Every message took a revision of its own when it was sent: rev >= seq.
  expect(Number.isInteger(message.rev)).toBe(true);
  expect(message.rev).toBeGreaterThanOrEqual(message.seq);
  expectUserShape(message.sender);
  expect(typeof message.text).toBe('string');
  expectIsoDate(message.createdAt);
  expect(typeof message.clientMsgId).toBe('string');
  expect(typeof message.deleted).toBe('boolean');
  if (message.editedAt !== null) expectIsoDate(message.editedAt);
  // Mentions: distinct ids, never the sender's, at most 20.
  expect(Array.isArray(message.mentions)).toBe(true);
  for (const id of message.mentions) expect(typeof id).toBe('string');
  expect(new Set(message.mentions).size).toBe(message.mentions.length);
  expect(message.mentions).not.toContain(message.sender.id);
  expect(message.mentions.length).toBeLessThanOrEqual(20);
  // Reactions: distinct emoji, each with a count of at least one, at most 20 of them.
  expect(Array.isArray(message.reactions)).toBe(true);
  for (const r of message.reactions) {
    expect(Object.keys(r).sort()).toEqual(['count', 'emoji', 'me']);
    expect(typeof r.emoji).toBe('string');
    expect(Number.isInteger(r.count)).toBe(true);
    expect(r.count).toBeGreaterThanOrEqual(1);
    expect(typeof r.me).toBe('boolean');
  }
  expect(new Set(message.reactions.map((r) => r.emoji)).size).toBe(message.reactions.length);
  expect(message.reactions.length).toBeLessThanOrEqual(20);
  if (message.replyTo !== null) {
    expect(Object.keys(message.replyTo).sort()).toEqual(['deleted', 'excerpt', 'sender', 'seq']);
    expect(Number.isInteger(message.replyTo.seq)).toBe(true);
    expect(message.replyTo.seq).toBeGreaterThanOrEqual(1);
    expect(message.replyTo.seq).toBeLessThan(message.seq);
    expectUserShape(message.replyTo.sender);
    expect(typeof message.replyTo.excerpt).toBe('string');
    expect(typeof message.replyTo.deleted).toBe('boolean');
    if (message.replyTo.deleted) expect(message.replyTo.excerpt).toBe('');
  }
  if (message.deleted) {
    expect({ text: message.text, editedAt: message.editedAt, replyTo: message.replyTo, mentions: message.mentions, reactions: message.reactions }).toEqual({
      text: '',
      editedAt: null,
      replyTo: null,
      mentions: [],
      reactions: [],
    });
  } else {
    expect(message.text.length).toBeGreaterThan(0);
  }
}

/** A WebSocket `error`: `{code, message, clientMsgId?}`. */
export function expectWsError(error: ErrorEvent, code: string, clientMsgId?: string): void {
  expect(error.code).toBe(code);
  expect(typeof error.message).toBe('string');
  expect(error.message.length).toBeGreaterThan(0);
  const keys = Object.keys(error).sort();
  if (clientMsgId !== undefined) {
    expect(error.clientMsgId).toBe(clientMsgId);
    expect(keys).toEqual(['clientMsgId', 'code', 'message']);
  } else {
    expect(keys.filter((k) => k !== 'clientMsgId')).toEqual(['code', 'message']);
  }
}
