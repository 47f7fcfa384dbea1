import { randomInt } from 'node:crypto';
import type { Dm, GroupDetail, User } from '@chat/protocol';
import { ApiResponse, createGroup, joinGroup, publicUser, registerUser, TestUser, uniqueGroupName } from './api-client';
import { getGroup, SocketPool } from './chat';
import { expectIsoDate, expectStatus, expectUserShape } from './expect';
import type { RunningServer } from './server';
import { useServer } from './setup';
import type { TestSocket } from './ws-client';

/**
 * Direct messages (the contract's "Direct messages", and the API's design
 * where the contract is silent): `POST /api/dms`, `GET /api/dms`, the dm
 * shape, and what a third person must never see. Rules are written out here
 * rather than taken from the protocol library, so the tests hold the server
 * to the text.
 */

export const DMS_PATH = '/api/dms';

const enc = encodeURIComponent;
/** `/api/groups/:name`, the name URL-encoded (a dm's `@` becomes `%40`). */
export const groupPath = (name: string) => `/api/groups/${enc(name)}`;

/** A dm's name as the API chooses it: `@` and 26 characters of base32 (`[a-z2-7]`), 27 code points. */
export const DM_NAME = /^@[a-z2-7]{26}$/;
/** The contract's group-name grammar: a dm's name must be outside it, so it can never clash with a group. */
const GROUP_NAME_GRAMMAR = /^[\p{L}\p{Nd}][\p{L}\p{Nd} _.-]*$/u;

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
/** A name of a dm's form that no dm has (1 in 32^26 of hitting one). */
export function ghostDmName(): string {
  return `@${Array.from({ length: 26 }, () => BASE32[randomInt(32)]).join('')}`;
}

/** `POST /api/dms {userId}` as `user`, whatever it answers; `body` replaces the default one. */
export function openDm(user: TestUser, other: TestUser | string, body?: unknown): Promise<ApiResponse<Dm>> {
  const userId = typeof other === 'string' ? other : other.user.id;
  return user.api.post<Dm>(DMS_PATH, body === undefined ? { userId } : body);
}

/** An open expected to succeed with `status` (201 new, 200 existing): a well-formed dm of the two. */
export async function opened(user: TestUser, other: TestUser, status: 200 | 201): Promise<Dm> {
  const res = await openDm(user, other);
  expectStatus(res, status);
  expectDmShape(res.body);
  expect(res.body.members.map((m) => m.id).sort()).toEqual([user.user.id, other.user.id].sort());
  expectNoEmail(res.text, user, other);
  return res.body;
}

/** `GET /api/dms` as `user`, expected to succeed, each entry checked for its shape. */
export async function listDms(user: TestUser): Promise<Dm[]> {
  const res = await user.api.get<Dm[]>(DMS_PATH);
  expectStatus(res, 200);
  expect(Array.isArray(res.body)).toBe(true);
  for (const dm of res.body) {
    expectDmShape(dm);
    expect(dm.members.map((m) => m.id)).toContain(user.user.id);
  }
  return res.body;
}

/** The names `GET /api/dms` lists for `user`, in its order. */
export async function dmNames(user: TestUser): Promise<string[]> {
  return (await listDms(user)).map((dm) => dm.name);
}

/** `members` of a dm as the design orders them: the one who opened it first, then the other. */
export const membersOf2 = (opener: TestUser, other: TestUser): User[] => [publicUser(opener), publicUser(other)];

/**
 * A dm as a member sees it: exactly `{name, kind, createdAt, createdBy,
 * memberCount, joined, lastSeq, lastRev, readSeq, unread, mentionUnread,
 * members}`, kind `dm`, two members (`{id, displayName}`, with `online` in the
 * detail of `GET /api/groups/:name`), a name outside the group-name grammar.
 */
export function expectDmShape(dm: Dm | GroupDetail, opts: { detail?: boolean } = {}): void {
  const keys = ['createdAt', 'createdBy', 'joined', 'kind', 'lastRev', 'lastSeq', 'memberCount', 'members', 'mentionUnread', 'name', 'readSeq', 'unread'];
  expect(Object.keys(dm).sort()).toEqual(keys.sort());
  expectDmName(dm.name);
  expect({ kind: dm.kind, memberCount: dm.memberCount, joined: dm.joined }).toEqual({ kind: 'dm', memberCount: 2, joined: true });
  expectIsoDate(dm.createdAt);
  expectUserShape(dm.createdBy);
  for (const n of [dm.lastSeq, dm.lastRev, dm.readSeq, dm.unread, dm.mentionUnread]) expect(Number.isInteger(n)).toBe(true);
  expect(dm.lastRev).toBeGreaterThanOrEqual(dm.lastSeq);
  expect(dm.unread).toBeGreaterThanOrEqual(0);
  expect(dm.unread).toBeLessThanOrEqual(dm.lastSeq - (dm.readSeq as number));
  expect(dm.mentionUnread).toBeGreaterThanOrEqual(0);
  expect(dm.mentionUnread).toBeLessThanOrEqual(dm.unread as number);
  const members = dm.members ?? [];
  expect(members.length).toBe(2);
  for (const m of members) {
    if (opts.detail) {
      expect(Object.keys(m).sort()).toEqual(['displayName', 'id', 'online']);
      expect(typeof (m as { online?: unknown }).online).toBe('boolean');
    } else expectUserShape(m);
  }
  expect(members[0].id).not.toBe(members[1].id);
  // The one who opened it is one of the two.
  expect(members.map((m) => m.id)).toContain(dm.createdBy.id);
}

/** `@` and 26 of `[a-z2-7]`, and outside the group-name grammar. */
export function expectDmName(name: string): void {
  expect(name).toMatch(DM_NAME);
  expect(GROUP_NAME_GRAMMAR.test(name)).toBe(false);
}

/** No user's email appears in a text that others' views come in. */
export function expectNoEmail(text: string, ...users: TestUser[]): void {
  for (const u of users) expect(text).not.toContain(u.user.email);
}

/** The caller's counts in a dm: `GET /api/dms` and `GET /api/groups/:name` must agree. */
export async function dmCounts(user: TestUser, name: string): Promise<{ readSeq?: number; unread?: number; mentionUnread?: number; lastSeq: number }> {
  const listed = (await listDms(user)).find((dm) => dm.name === name);
  const detail = await getGroup(user, name);
  const pick = (g: { readSeq?: number; unread?: number; mentionUnread?: number; lastSeq: number } | undefined) => ({
    readSeq: g?.readSeq,
    unread: g?.unread,
    mentionUnread: g?.mentionUnread,
    lastSeq: g?.lastSeq as number,
  });
  expect({ list: pick(listed) }).toEqual({ list: pick(detail) });
  return pick(detail);
}

/** Asserts `user`'s counts in a dm, in the list and the detail. */
export async function expectDmCounts(user: TestUser, name: string, expected: { readSeq?: number; unread?: number; mentionUnread?: number; lastSeq?: number }): Promise<void> {
  expect({ user: user.user.displayName, ...(await dmCounts(user, name)) }).toMatchObject({ user: user.user.displayName, ...expected });
}

/**
 * What a third person's socket received that has anything to do with a dm:
 * `dm` events, and any frame naming it (message, edit, delete, reaction,
 * typing, read, member, group, error...). Should always be empty.
 */
export function framesAbout(socket: TestSocket, name: string): string[] {
  return socket.history.filter((f) => f.event === 'dm' || JSON.stringify(f.data).includes(name)).map((f) => JSON.stringify(f));
}

/**
 * A REST answer or `error` frame with the names replaced by `<name>`: an
 * answer about a dm to an outsider must be the very answer about a name no
 * group has.
 */
export function withoutName(body: unknown, ...names: string[]): unknown {
  let text = JSON.stringify(body ?? null);
  for (const name of names) text = text.split(name).join('<name>').split(enc(name)).join('<name>');
  return JSON.parse(text);
}

/** For a spec file: its own server, a socket pool closed after each test, and fresh people per test. */
export function useDms(env: Record<string, string> = {}): {
  server: () => RunningServer;
  sockets: SocketPool;
  people: (count: number, prefix: string) => Promise<TestUser[]>;
  friends: (count: number, prefix: string) => Promise<{ users: TestUser[]; group: string }>;
} {
  const server = useServer(env);
  const sockets = new SocketPool(server);
  afterEach(() => sockets.closeAll());
  /** Fresh users (so no dm of another test exists between them), sharing nothing. */
  const people = (count: number, prefix: string) => Promise.all(Array.from({ length: count }, (_, i) => registerUser(server().baseUrl, `${prefix}${i + 1}`)));
  /** Fresh users who all share one group (created by the first), so they may open dms with each other. */
  async function friends(count: number, prefix: string): Promise<{ users: TestUser[]; group: string }> {
    const users = await people(count, prefix);
    const group = (await createGroup(users[0], uniqueGroupName(prefix.toLowerCase()))).name;
    await Promise.all(users.slice(1).map((u) => joinGroup(u, group)));
    return { users, group };
  }
  return { server, sockets, people, friends };
}
