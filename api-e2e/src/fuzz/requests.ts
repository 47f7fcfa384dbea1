import { isValidGroupName } from '@chat/protocol';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { controlString, invalidUtf8, longString, nastyJson } from './nasty-values';

/** One HTTP request to throw at the server, and the answers the contract allows for it. */
export interface FuzzRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: string | Buffer;
  headers: Record<string, string>;
  /** Statuses the contract allows; anything else (every 5xx included) fails. */
  allowed: number[];
}

/** Errors any body can earn before a route sees it: bad JSON, too large, an encoding or charset not spoken. */
const BODY_ERRORS = [400, 413, 415];

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'application/json; charset=utf-16', ''];
const ENCODINGS = [undefined, undefined, undefined, 'identity', 'gzip', 'deflate', 'br', 'x-garbage'];

/** A JSON value that is not a string, or a string no field of the contract accepts anywhere. */
const notAString = nastyJson.filter((text) => typeof safeParse(text) !== 'string');
const shortString = fc.string({ maxLength: 7 }).map((t) => JSON.stringify(t));
// A control character that survives trimming (the server trims first, so "x\t" is just "x").
const withControl = controlString()
  .filter((t) => /\p{Cc}/u.test(t.trim()))
  .map((t) => JSON.stringify(t));
const tooLong = longString().map((t) => JSON.stringify(t));

/** Keys no body of the contract has, the prototype machinery among them. */
const extraKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'isAdmin', ''), fc.string({ maxLength: 12 }).filter((k) => !['email', 'password', 'displayName', 'name', 'userId'].includes(k)));

/**
 * (`displayName: null` counts as leaving it out, as an optional field.)
 *
 * Bodies for one route: its valid fields with exactly one thing wrong (a
 * field of the wrong type or out of its rules, a required one missing, one
 * key too many), so the contract says 400 for every one of them.
 */
function oneThingWrong(valid: Record<string, string>, wrongValues: Record<string, fc.Arbitrary<string>>, required: string[]): fc.Arbitrary<string> {
  const fields = Object.keys(valid);
  return fc.oneof(
    fc.tuple(fc.constantFrom(...fields), fc.nat()).chain(([field]) => wrongValues[field].map((bad) => objectText({ ...valid, [field]: bad }))),
    fc.constantFrom(...required).map((field) => objectText(Object.fromEntries(Object.entries(valid).filter(([k]) => k !== field)))),
    fc.tuple(extraKey, nastyJson).map(([key, value]) => objectText({ ...valid }, [key, key === '__proto__' ? '{"isAdmin":true}' : value])),
  );
}

/** Anything at all as a body: random JSON, nasty values, invalid UTF-8, random bytes. */
const anyBody: fc.Arbitrary<string | Buffer> = fc.oneof(
  nastyJson,
  fc.string({ maxLength: 200, unit: 'binary' }),
  fc.tuple(fc.string({ maxLength: 20 }), invalidUtf8).map(([prefix, bad]) => Buffer.concat([Buffer.from(`{"email":"${prefix}`), bad, Buffer.from('"}')])),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
);

/** Path segments: random text (URL-encoded), and raw percent-escapes that do not decode. */
const pathSegment = fc.oneof(
  fc.string({ maxLength: 60, unit: 'binary' }).filter((s) => s.length > 0).map(encodeSegment),
  fc.constantFrom('%00', '%', '%zz', '%E0%A4%A', '%ED%A0%80', '%C0%AF', '..', '%2e%2e', '%2F', 'a%00b', '%FF', '%u0041', '__proto__', 'constructor'),
);

const queryValue = fc.oneof(fc.constantFrom('', '-1', '0', '1', '1.5', '1e3', '9007199254740993', 'abc', '%00', '%', 'null', ' 1', '0x10', '101', 'Infinity', 'NaN'), fc.string({ maxLength: 20 }).map(encodeURIComponent));
const queryKey = fc.oneof(fc.constantFrom('before', 'after', 'limit', 'before[]', 'limit[0]', '__proto__', 'constructor', 'after[__proto__]', ''), fc.string({ maxLength: 10 }).map(encodeURIComponent));
const query = fc.array(fc.tuple(queryKey, queryValue), { maxLength: 4 }).map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}` : ''));

const headers = fc.tuple(fc.constantFrom(...CONTENT_TYPES), fc.constantFrom(...ENCODINGS)).map(([type, encoding]) => {
  const out: Record<string, string> = {};
  if (type) out['content-type'] = type;
  if (encoding) out['content-encoding'] = encoding;
  return out;
});

/** Requests over every route that takes input, for a user who is a member of `group`. */
export function fuzzRequest(group: string, email: () => string): fc.Arbitrary<FuzzRequest> {
  const registerBody = oneThingWrong(
    { email: JSON.stringify(email()), password: '"correct horse battery"', displayName: '"Fuzzy"' },
    { email: fc.oneof(notAString, withControl, tooLong, fc.constantFrom('""', '"no-at-sign"', '"a@"', '"@b.c"')), password: fc.oneof(notAString, shortString, tooLong), displayName: fc.oneof(notAString.filter((t) => t !== 'null'), withControl, tooLong, fc.constantFrom('""', '"   "')) },
    ['email', 'password'],
  );
  const badGroupName = fc.oneof(notAString, tooLong, fc.string({ maxLength: 60, unit: 'binary' }).filter((s) => !isValidGroupName(s.trim())).map((s) => JSON.stringify(s)));
  const createGroupBody = oneThingWrong({ name: JSON.stringify(`never-${Date.now()}`) }, { name: badGroupName }, ['name']);
  // No user has this id, so a body with nothing wrong is 404, and no dm is ever opened.
  const openDmBody = oneThingWrong({ userId: JSON.stringify(randomUUID()) }, { userId: fc.oneof(notAString, tooLong, fc.constantFrom('""')) }, ['userId']);
  const body = (arb: fc.Arbitrary<string | Buffer>) => fc.oneof({ weight: 3, arbitrary: arb }, { weight: 1, arbitrary: anyBody });

  return fc.oneof(
    fc.tuple(body(registerBody), headers).map(([b, h]): FuzzRequest => ({ method: 'POST', path: '/api/users', body: b, headers: h, allowed: BODY_ERRORS })),
    fc.tuple(body(registerBody), headers).map(([b, h]): FuzzRequest => ({ method: 'POST', path: '/api/auth/login', body: b, headers: h, allowed: [...BODY_ERRORS, 401] })),
    fc.tuple(body(createGroupBody), headers).map(([b, h]): FuzzRequest => ({ method: 'POST', path: '/api/groups', body: b, headers: h, allowed: BODY_ERRORS })),
    fc.tuple(body(openDmBody), headers).map(([b, h]): FuzzRequest => ({ method: 'POST', path: '/api/dms', body: b, headers: h, allowed: [...BODY_ERRORS, 404] })),
    fc.tuple(pathSegment, fc.option(anyBody), headers).map(([name, b, h]): FuzzRequest => ({ method: 'POST', path: `/api/groups/${name}/members`, body: b ?? undefined, headers: h, allowed: [...BODY_ERRORS, 404] })),
    fc.tuple(pathSegment).map(([name]): FuzzRequest => ({ method: 'GET', path: `/api/groups/${name}`, headers: {}, allowed: [400, 404] })),
    fc.tuple(pathSegment).map(([name]): FuzzRequest => ({ method: 'DELETE', path: `/api/groups/${name}/members/me`, headers: {}, allowed: [400, 404] })),
    fc.tuple(pathSegment, query).map(([name, q]): FuzzRequest => ({ method: 'GET', path: `/api/groups/${name}/messages${q}`, headers: {}, allowed: [400, 404] })),
    // The group the user is in: a query is either valid (200) or refused (400).
    query.map((q): FuzzRequest => ({ method: 'GET', path: `/api/groups/${encodeURIComponent(group)}/messages${q}`, headers: {}, allowed: [200, 400] })),
  );
}

/** encodeURIComponent, with each lone surrogate (which it refuses) sent as the raw escape of its UTF-8-like bytes. */
function encodeSegment(text: string): string {
  return Array.from(text, (char) => {
    try {
      return encodeURIComponent(char);
    } catch {
      return '%ED%A0%80';
    }
  }).join('');
}

function objectText(fields: Record<string, string>, extra?: [string, string]): string {
  const entries = Object.entries(fields).map(([key, value]) => `${JSON.stringify(key)}:${value}`);
  if (extra) entries.push(`${JSON.stringify(extra[0])}:${extra[1]}`);
  return `{${entries.join(',')}}`;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
