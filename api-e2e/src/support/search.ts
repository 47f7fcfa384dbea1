import { randomInt } from 'node:crypto';
import type { Dm, Message } from '@chat/protocol';
import { ApiResponse, createGroup, joinGroup, registerUser, TestUser, uniqueGroupName } from './api-client';
import { ConnectedSocket, sendMessage, SocketPool } from './chat';
import { opened } from './dms';
import { expectMessageShape, expectStatus } from './expect';
import type { RunningServer } from './server';
import { useServer } from './setup';

/**
 * Search (the contract's "Search", and the API's design where the contract is
 * silent: tmp/search-design.md). The rules are written out here rather than
 * taken from the API, so the tests hold the server to the text:
 *
 * - `GET /api/search?q=&group=&before=&limit=` → `200 {results: [message], next: string | null}`;
 * - results are full messages (as history gives them to the caller), never deleted,
 *   newest first by `createdAt`, then `seq`, then group name (all descending);
 * - `limit` 1..50, default 20; `next` is an opaque cursor for `before`, or `null`;
 * - a page may hold fewer than `limit` results (even none) with a non-null `next`
 *   only when every term is shorter than 3 characters (PostgreSQL scans a bounded
 *   number of messages per request): a client asks again while `next` is not null.
 */

export const SEARCH_PATH = '/api/search';
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 50;

export interface SearchPage {
  results: Message[];
  next: string | null;
}

/**
 * Query parameters, each name and value URL-encoded, in this order: a list of
 * pairs so that a test can repeat one; a string is sent as it is (`?q=x&...`).
 */
export type SearchParams = Record<string, string> | Array<[string, string]> | string;

const enc = encodeURIComponent;

export function searchUrl(params: SearchParams): string {
  if (typeof params === 'string') return `${SEARCH_PATH}${params}`;
  const pairs = Array.isArray(params) ? params : Object.entries(params);
  return pairs.length === 0 ? SEARCH_PATH : `${SEARCH_PATH}?${pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')}`;
}

/** `GET /api/search?...` as `user`, whatever it answers. */
export function search(user: TestUser, params: SearchParams): Promise<ApiResponse<SearchPage>> {
  return user.api.get<SearchPage>(searchUrl(params));
}

/**
 * The contract's order, newest first: `createdAt` descending, then `seq`
 * descending, then (equal createdAt and seq in two groups) the group name
 * descending. Negative when `a` comes first.
 */
export function newestFirst(a: Message, b: Message): number {
  const byTime = Date.parse(b.createdAt) - Date.parse(a.createdAt);
  if (byTime !== 0) return byTime;
  if (a.seq !== b.seq) return b.seq - a.seq;
  return a.group < b.group ? 1 : a.group > b.group ? -1 : 0;
}

/** Messages sorted as search must give them. */
export const sortedNewestFirst = (messages: Message[]) => [...messages].sort(newestFirst);

/** `group#seq text`: what a failure shows of a message. */
export const label = (m: Message) => `${m.group}#${m.seq} ${m.text}`;
export const labels = (messages: Message[]) => messages.map(label);

/** What `limit` a request asked for, as a number (the default when absent). */
function limitOf(params: SearchParams): number {
  const pairs = typeof params === 'string' ? [...new URLSearchParams(params.replace(/^\?/, ''))] : Array.isArray(params) ? params : Object.entries(params);
  const limit = pairs.find(([k]) => k === 'limit');
  return limit ? Number(limit[1]) : DEFAULT_LIMIT;
}

/**
 * One page expected to succeed: exactly `{results, next}`, at most `limit`
 * full messages, none deleted, each one once, newest first; `next` a
 * non-empty string or `null`.
 */
export async function searchPage(user: TestUser, params: SearchParams): Promise<SearchPage> {
  const res = await search(user, params);
  expectStatus(res, 200);
  expectPageShape(res.body, limitOf(params));
  return res.body;
}

export function expectPageShape(page: SearchPage, limit: number): void {
  expect(Object.keys(page).sort()).toEqual(['next', 'results']);
  expect(Array.isArray(page.results)).toBe(true);
  expect(page.next === null || (typeof page.next === 'string' && page.next.length > 0)).toBe(true);
  expect(page.results.length).toBeLessThanOrEqual(limit);
  for (const m of page.results) {
    expectMessageShape(m);
    expect(m.deleted).toBe(false);
  }
  expect(new Set(page.results.map((m) => m.id)).size).toBe(page.results.length);
  expectNewestFirst(page.results);
}

/** Each message strictly after the one before it in the contract's order. */
export function expectNewestFirst(messages: Message[]): void {
  const misplaced = messages.slice(1).flatMap((m, i) => (newestFirst(messages[i], m) < 0 ? [] : [`${label(messages[i])} @${messages[i].createdAt} before ${label(m)} @${m.createdAt}`]));
  expect({ misplaced }).toEqual({ misplaced: [] });
}

export interface SearchAll {
  /** Every page's results, in the order they came. */
  results: Message[];
  /** Each page's results, in order. */
  pages: Message[][];
}

/**
 * Every result of a search, page by page as a client asks for them (`before`
 * = the previous `next` while it is not null), checking that no message comes
 * twice and that each page continues the order of the one before.
 * `full`: every page but the last must hold `limit` results (true when a
 * term has 3 characters or more; see the top of this file). `between` runs
 * after each page but the last, before the next is asked for.
 */
export async function searchAll(
  user: TestUser,
  params: Record<string, string>,
  opts: { full?: boolean; maxPages?: number; between?: (page: number) => Promise<void> } = {},
): Promise<SearchAll> {
  const limit = limitOf(params);
  const pages: Message[][] = [];
  const results: Message[] = [];
  let before: string | null = null;
  for (;;) {
    const page = await searchPage(user, before === null ? params : { ...params, before });
    pages.push(page.results);
    results.push(...page.results);
    if (opts.full && page.next !== null) expect({ page: pages.length, results: page.results.length, next: 'not null' }).toEqual({ page: pages.length, results: limit, next: 'not null' });
    if (page.next === null) break;
    if (pages.length >= (opts.maxPages ?? 2000)) throw new Error(`search ${JSON.stringify(params)}: still a next after ${pages.length} pages`);
    await opts.between?.(pages.length);
    before = page.next;
  }
  expect(new Set(results.map((m) => m.id)).size).toBe(results.length);
  expectNewestFirst(results);
  return { results, pages };
}

/** All results of `q` (and other parameters), expected to be exactly `expected` in the contract's order. */
export async function expectFound(user: TestUser, q: string, expected: Message[], params: Record<string, string> = {}): Promise<Message[]> {
  const { results } = await searchAll(user, { q, ...params }, { full: hasLongTerm(q) });
  expect({ q, found: labels(results) }).toEqual({ q, found: labels(sortedNewestFirst(expected)) });
  return results;
}

/**
 * The messages of `sent` that a search for `q` must find, by the rules
 * written out (terms, phrases, lower-casing both sides, substrings), for
 * tests that derive the expectation from many messages.
 */
export function matching(sent: Message[], q: string): Message[] {
  const terms = termsOf(q);
  return sent.filter((m) => !m.deleted && terms.every((t) => m.text.toLowerCase().includes(t)));
}

/** The design's terms of `q`, lower-cased: phrases from `"` to `"` (or the end), words split on white space. */
export function termsOf(q: string): string[] {
  const trimmed = q.trim();
  const terms: string[] = [];
  let rest = trimmed;
  while (rest.length > 0) {
    const quote = rest.indexOf('"');
    const outside = quote < 0 ? rest : rest.slice(0, quote);
    terms.push(...outside.split(/\s+/u).filter((w) => w.length > 0));
    if (quote < 0) break;
    const close = rest.indexOf('"', quote + 1);
    const phrase = close < 0 ? rest.slice(quote + 1) : rest.slice(quote + 1, close);
    if (phrase.length > 0) terms.push(phrase);
    rest = close < 0 ? '' : rest.slice(close + 1);
  }
  return (terms.length > 0 ? terms : [trimmed]).map((t) => t.toLowerCase());
}

/** Whether a term of `q` has 3 code points or more: then every page but the last is full. */
export const hasLongTerm = (q: string) => termsOf(q).some((t) => [...t].length >= 3);

const CONSONANTS = 'bcdfghjklmnpqrstvwxz';
/**
 * A word no other message of the run holds: 10 random consonants (no vowels,
 * so it never spells or contains an ordinary word), lower case.
 */
export function word(length = 10): string {
  return Array.from({ length }, () => CONSONANTS[randomInt(CONSONANTS.length)]).join('');
}

/** Sends `texts` to `group` one after the other (each after the echo of the one before); the stored messages. */
export async function say(socket: ConnectedSocket, group: string, ...texts: string[]): Promise<Message[]> {
  const out: Message[] = [];
  for (const text of texts) out.push(await sendMessage(socket, group, text));
  return out;
}

/** For a spec file: its own server (cheap hashing, no frame rate limit), a socket pool, and fresh users and groups per test. */
export function useSearch(env: Record<string, string> = {}) {
  const server = useServer({ WS_RATE_LIMIT: '0', PASSWORD_HASH_COST: '10', ...env });
  const sockets = new SocketPool(server);
  afterEach(() => sockets.closeAll());

  /** Fresh users, sharing nothing. */
  const people = (count: number, prefix: string): Promise<TestUser[]> =>
    Promise.all(Array.from({ length: count }, (_, i) => registerUser(server().baseUrl, `${prefix}${i + 1}`)));

  /** A new group of `owner`'s that `members` joined; its name. */
  async function group(owner: TestUser, members: TestUser[] = [], name = uniqueGroupName('search')): Promise<string> {
    const created = (await createGroup(owner, name)).name;
    for (const m of members) await joinGroup(m, created);
    return created;
  }

  /** The dm of two users who share a group. */
  const dm = (a: TestUser, b: TestUser): Promise<Dm> => opened(a, b, 201);

  const connect = (user: TestUser): Promise<ConnectedSocket> => sockets.connect(user);

  /** One fresh user alone in a fresh group, with a socket, and `say` to write there. */
  async function writer(prefix: string): Promise<{ user: TestUser; group: string; socket: ConnectedSocket; say: (...texts: string[]) => Promise<Message[]> }> {
    const [user] = await people(1, prefix);
    const name = await group(user);
    const socket = await connect(user);
    return { user, group: name, socket, say: (...texts) => say(socket, name, ...texts) };
  }

  return { server: server as () => RunningServer, sockets, people, group, dm, connect, writer };
}
