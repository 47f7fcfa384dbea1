import type { ChangesPage, DeleteEvent, EditEvent, Message, ReactionEvent, User } from '@chat/protocol';
import type { ApiResponse, TestUser } from './api-client';
import { clientMsgId, getGroup, sendMessage, sleep } from './chat';
import { expectIsoDate, expectMessageShape, expectStatus } from './expect';
import type { TestSocket } from './ws-client';

/**
 * The message lifecycle of the contract's additions (Revisions; edit,
 * delete, reply): REST calls, the live events that change history, and a
 * client's copy of a group built the way the contract tells a client to.
 */

const enc = encodeURIComponent;

export const messagesPath = (group: string) => `/api/groups/${enc(group)}/messages`;
export const messagePath = (group: string, seq: number | string) => `${messagesPath(group)}/${seq}`;
export const changesPath = (group: string, query = '') => `/api/groups/${enc(group)}/changes${query}`;

/** `PATCH /api/groups/:name/messages/:seq {text}` (the body as given, for invalid ones). */
export function editMessage(user: TestUser, group: string, seq: number | string, text: unknown): Promise<ApiResponse<Message>> {
  return user.api.patch<Message>(messagePath(group, seq), { text });
}

/** An edit expected to succeed: 200 and a well-formed message. */
export async function edited(user: TestUser, group: string, seq: number, text: string): Promise<Message> {
  const res = await editMessage(user, group, seq, text);
  expectStatus(res, 200);
  expectMessageShape(res.body);
  return res.body;
}

export function deleteMessage(user: TestUser, group: string, seq: number | string): Promise<ApiResponse> {
  return user.api.delete(messagePath(group, seq));
}

/** A delete expected to succeed: 204 with no body. */
export async function deleted(user: TestUser, group: string, seq: number): Promise<void> {
  const res = await deleteMessage(user, group, seq);
  expectStatus(res, 204);
  expect(res.text).toBe('');
}

export function changes(user: TestUser, group: string, query: string): Promise<ApiResponse<ChangesPage>> {
  return user.api.get<ChangesPage>(changesPath(group, query));
}

/** One page of `changes` expected to succeed, checked for what holds of every page. */
export async function changesPage(user: TestUser, group: string, query: string): Promise<ChangesPage> {
  const res = await changes(user, group, query);
  expectStatus(res, 200);
  expect(Object.keys(res.body).sort()).toEqual(['lastRev', 'messages', 'more']);
  expect(typeof res.body.more).toBe('boolean');
  expect(Number.isInteger(res.body.lastRev)).toBe(true);
  for (const m of res.body.messages) {
    expectMessageShape(m);
    expect(m.group).toBe(res.body.messages[0].group);
    expect(m.rev).toBeLessThanOrEqual(res.body.lastRev);
  }
  const revs = res.body.messages.map((m) => m.rev);
  expect(revs).toEqual([...new Set(revs)].sort((x, y) => x - y));
  return res.body;
}

/**
 * Every change after `after`, page by page as a client asks for them (`after`
 * = the last message's rev while `more`). Returns the messages of all pages
 * and the `lastRev` of the last one.
 */
export async function allChanges(user: TestUser, group: string, after = 0, limit?: number): Promise<{ messages: Message[]; lastRev: number; pages: number }> {
  const messages: Message[] = [];
  let pages = 0;
  for (;;) {
    const page = await changesPage(user, group, `?after=${after}${limit === undefined ? '' : `&limit=${limit}`}`);
    pages += 1;
    messages.push(...page.messages);
    if (!page.more) return { messages, lastRev: page.lastRev, pages };
    if (page.messages.length === 0 || pages > 1000) throw new Error(`changes said more=true with ${page.messages.length} messages after ${after}`);
    after = page.messages[page.messages.length - 1].rev;
  }
}

/** The group's `lastRev` and `lastSeq` as `GET /api/groups/:name` reports them. */
export async function revAndSeq(user: TestUser, group: string): Promise<{ lastRev: number; lastSeq: number }> {
  const { lastRev, lastSeq } = await getGroup(user, group);
  return { lastRev, lastSeq };
}

/** Sends `read` on `socket` and waits (polling REST briefly) until the user's readSeq is `seq`. */
export async function markRead(socket: TestSocket, user: TestUser, group: string, seq: number, timeoutMs = 3000): Promise<void> {
  socket.send('read', { group, seq });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const readSeq = (await getGroup(user, group)).readSeq;
    if (readSeq === seq) return;
    if (Date.now() >= deadline) throw new Error(`readSeq of ${user.user.displayName} in ${group} is ${readSeq}, not ${seq}, after ${timeoutMs} ms`);
    await sleep(30);
  }
}

/** A live event that changes history. */
export type ChangeEvent =
  | { event: 'message'; data: Message }
  | { event: 'edit'; data: EditEvent }
  | { event: 'delete'; data: DeleteEvent }
  | { event: 'reaction'; data: ReactionEvent };

const CHANGE_EVENTS = new Set(['message', 'edit', 'delete', 'reaction']);

/** Every `message`, `edit`, `delete` and `reaction` of `group` the socket received so far, in arrival order. */
export function changeEvents(socket: TestSocket, group: string): ChangeEvent[] {
  return socket.history.filter((f) => CHANGE_EVENTS.has(f.event) && (f.data as { group?: string }).group === group) as ChangeEvent[];
}

/** The revs of those events, in arrival order. */
export function revsSeen(socket: TestSocket, group: string): number[] {
  return changeEvents(socket, group).map((e) => e.data.rev);
}

/**
 * Waits (polling briefly, as events of three kinds count) until the socket
 * has received a change of `group` with a rev of at least `rev`.
 */
export async function waitForRev(socket: TestSocket, group: string, rev: number, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const revs = revsSeen(socket, group);
    if (revs.some((r) => r >= rev)) return;
    if (Date.now() >= deadline || socket.closeInfo) {
      const closed = socket.closeInfo ? ` (closed ${socket.closeInfo.code})` : '';
      throw new Error(`no change of rev ${rev} in ${group} within ${timeoutMs} ms${closed}; revs seen: ${revs.slice(-10).join(', ') || 'none'}`);
    }
    await sleep(20);
  }
}

/**
 * A watch of `group` on `sockets` that begins once each of them has received
 * the change of rev `rev` (and so, changes coming in rev order, every one
 * before it): it sees only what comes after.
 */
export async function watchAfter(sockets: TestSocket[], group: string, rev: number): Promise<ChangeWatch> {
  await Promise.all(sockets.map((s) => waitForRev(s, group, rev)));
  return new ChangeWatch(sockets, group);
}

/**
 * Watches the changes (`message`, `edit`, `delete`, `reaction`, of any group) that some
 * sockets receive from now on, so a test can assert exactly which arrived on
 * each, the absence of any included, whatever else came before.
 */
export class ChangeWatch {
  private readonly from: number[];

  /** `group`: only that group's changes count (all groups' when absent). */
  constructor(
    private readonly sockets: TestSocket[],
    private readonly group?: string,
  ) {
    this.from = sockets.map((s) => s.history.length);
  }

  /** The changes each socket received since the watch began, in arrival order. */
  seen(): ChangeEvent[][] {
    const counts = (f: { event: string; data: unknown }) =>
      CHANGE_EVENTS.has(f.event) && (this.group === undefined || (f.data as { group?: string }).group === this.group);
    return this.sockets.map((s, i) => s.history.slice(this.from[i]).filter(counts) as ChangeEvent[]);
  }

  /**
   * Waits until every socket has received as many changes as `expected` (or
   * `timeoutMs`), then `settleMs` more for late extras, and asserts that each
   * received exactly `expected`, in that order.
   */
  async expectExactly(expected: ChangeEvent[], settleMs = 300, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.seen().some((frames) => frames.length < expected.length) && Date.now() < deadline) await sleep(20);
    await sleep(settleMs);
    for (const [i, frames] of this.seen().entries()) expect({ socket: i, frames }).toEqual({ socket: i, frames: expected });
  }

  /** Asserts that no socket received any change (waiting `settleMs` for late ones). */
  expectNone(settleMs = 300): Promise<void> {
    return this.expectExactly([], settleMs);
  }
}

/**
 * Asserts that the sockets of `watch` received exactly `before` since it
 * began and nothing more, without waiting for what might still come: sends a
 * message on `socket` now (the group's lastRev being `lastRev`) and expects
 * it, at the next rev, to be the next change each socket received. Changes
 * arrive in rev order, so anything sent before it would have come first.
 */
export async function expectNoMoreChanges(watch: ChangeWatch, socket: TestSocket, group: string, lastRev: number, before: ChangeEvent[] = []): Promise<Message> {
  const next = await sendMessage(socket, group, `the next change ${clientMsgId('next')}`);
  expect(next.rev).toBe(lastRev + 1);
  await watch.expectExactly([...before, { event: 'message', data: next }], 0);
  return next;
}

/** An emoji's count as everyone sees it (`me` is the caller's own, and `false` in live events). */
export interface ReactionCount {
  emoji: string;
  count: number;
}

/** `reactions` without `me`, in their order. */
export function countsOf(reactions: Array<{ emoji: string; count: number }>): ReactionCount[] {
  return reactions.map(({ emoji, count }) => ({ emoji, count }));
}

/** What a client compares of a message: its state at a revision. */
export interface MessageState {
  rev: number;
  text: string;
  deleted: boolean;
  editedAt: string | null;
  mentions: string[];
  reactions: ReactionCount[];
}

/** `{seq: state}` of some messages. */
export function statesOf(messages: Message[]): Record<number, MessageState> {
  return Object.fromEntries(
    messages.map((m) => [m.seq, { rev: m.rev, text: m.text, deleted: m.deleted, editedAt: m.editedAt, mentions: m.mentions, reactions: countsOf(m.reactions) }]),
  );
}

/**
 * A client's copy of one group, kept as the contract says: it replaces its
 * copy of a message (by seq) whenever what it receives has a higher rev, and
 * tracks the last rev it applied so that a jump of more than one shows a gap.
 */
export class GroupReplica {
  readonly messages = new Map<number, Message>();
  /** The highest rev applied with nothing missing below it. */
  lastRev = 0;
  /** Live events whose rev was more than one above `lastRev` when they came. */
  readonly gaps: Array<{ after: number; got: number }> = [];
  /**
   * What contradicted the copy: a `reaction` whose count is not the copy's
   * count plus or minus one, or a live `message` with `me` true.
   */
  readonly contradictions: string[] = [];

  /** A whole message (history, changes, a live `message`). */
  applyMessage(message: Message): void {
    const mine = this.messages.get(message.seq);
    if (!mine || message.rev > mine.rev) this.messages.set(message.seq, message);
  }

  /** Messages of a `changes` answer, then its `lastRev`: everything up to it is known. */
  applyChanges(messages: Message[], lastRev: number): void {
    for (const m of messages) this.applyMessage(m);
    this.lastRev = Math.max(this.lastRev, lastRev);
  }

  /** A live event; returns false (and records the gap) when it shows that something was missed. */
  applyEvent(change: ChangeEvent): boolean {
    const { rev, seq } = change.data;
    if (rev <= this.lastRev) return true;
    if (rev > this.lastRev + 1) {
      this.gaps.push({ after: this.lastRev, got: rev });
      return false;
    }
    this.lastRev = rev;
    const mine = this.messages.get(seq);
    if (change.event === 'message') {
      if (change.data.reactions.some((r) => r.me)) this.contradictions.push(`message seq ${seq} rev ${rev} came with me: true`);
      this.applyMessage(change.data);
    } else if (!mine) throw new Error(`${change.event} of seq ${seq} (rev ${rev}) for a message the client never had`);
    else if (rev <= mine.rev) return true;
    else if (change.event === 'edit') {
      const { text, editedAt, mentions } = change.data;
      this.messages.set(seq, { ...mine, rev, text, editedAt, mentions });
    } else if (change.event === 'reaction') {
      this.messages.set(seq, { ...mine, rev, reactions: this.react(mine, change.data) });
    } else {
      this.messages.set(seq, { ...mine, rev, text: '', editedAt: null, deleted: true, replyTo: null, mentions: [], reactions: [] });
    }
    return true;
  }

  /**
   * The reactions after `event`: the emoji's count becomes the event's; an
   * emoji that goes from none to one goes last, one that drops to none leaves.
   */
  private react(mine: Message, event: ReactionEvent): Message['reactions'] {
    const before = mine.reactions.find((r) => r.emoji === event.emoji)?.count ?? 0;
    if (event.count !== before + (event.added ? 1 : -1)) {
      this.contradictions.push(`reaction ${event.emoji} on seq ${event.seq} rev ${event.rev}: count ${event.count} after ${before} (added ${event.added})`);
    }
    const others = mine.reactions.filter((r) => r.emoji !== event.emoji);
    if (event.count === 0) return others;
    if (before === 0) return [...others, { emoji: event.emoji, count: event.count, me: false }];
    return mine.reactions.map((r) => (r.emoji === event.emoji ? { ...r, count: event.count } : r));
  }

  states(): Record<number, MessageState> {
    return statesOf([...this.messages.values()]);
  }
}

/** A connection's copy of a group built from its live events alone; it must have seen no gap. */
export function replicaOf(socket: TestSocket, group: string): GroupReplica {
  const replica = new GroupReplica();
  for (const e of changeEvents(socket, group)) replica.applyEvent(e);
  expect({ gaps: replica.gaps, contradictions: replica.contradictions }).toEqual({ gaps: [], contradictions: [] });
  return replica;
}

/** The exact `edit` event of an edited message. */
export function editEventOf(message: Message): EditEvent {
  if (message.editedAt === null) throw new Error(`seq ${message.seq} was not edited`);
  return { group: message.group, seq: message.seq, rev: message.rev, text: message.text, editedAt: message.editedAt, mentions: message.mentions };
}

/** The tombstone `original` becomes when deleted at `rev`: every other field stays. */
export function tombstoneOf(original: Message, rev: number): Message {
  return { ...original, rev, text: '', editedAt: null, deleted: true, replyTo: null, mentions: [], reactions: [] };
}

/** The `replyTo` of a reply to `original` as it is now. */
export function replyToOf(original: { seq: number; sender: User; text: string; deleted: boolean }, excerpt = original.text): Message['replyTo'] {
  return { seq: original.seq, sender: original.sender, excerpt: original.deleted ? '' : excerpt, deleted: original.deleted };
}

/** `editedAt` is an ISO-8601 time within the window around the call (a second of slack for rounding). */
export function expectEditedWithin(message: Message, startedAt: number, endedAt: number): void {
  expectIsoDate(message.editedAt);
  const at = Date.parse(message.editedAt as string);
  expect(at).toBeGreaterThanOrEqual(startedAt - 1000);
  expect(at).toBeLessThanOrEqual(endedAt + 1000);
  expect(at).toBeGreaterThanOrEqual(Date.parse(message.createdAt));
}
