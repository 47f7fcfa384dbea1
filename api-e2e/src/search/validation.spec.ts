import type { Message } from '@chat/protocol';
import { ApiClient, TestUser } from '../support/api-client';
import { expectNestError } from '../support/expect';
import { expectFound, search, searchPage, SearchParams, searchUrl, useSearch, word } from '../support/search';

const enc = encodeURIComponent;
const base64url = (text: string) => Buffer.from(text).toString('base64url');

/**
 * The refusals: `400` for a missing, empty, blank or too long `q` (1..200 code
 * points after trimming), a `limit` out of 1..50 or not all digits, a bad
 * `before`, an empty `group=`, an unknown or repeated parameter; `401` without
 * a token. Every refusal is Nest's error body.
 */
describe('search: refusals', () => {
  const { server, writer } = useSearch();

  let alice: TestUser;
  let group: string;
  let t: string;
  let cursor: string;
  let sent: Message[];
  const LONG = 'x'.repeat(200);
  const ASTRAL = '😀'.repeat(200);

  beforeAll(async () => {
    t = word();
    const w = await writer('Refuse');
    [alice, group] = [w.user, w.group];
    sent = await w.say(`${t} one`, `${t} two`, `${t} three`, `${LONG} ${t}`, `${t} ${ASTRAL}`);
    const page = await searchPage(alice, { q: t, limit: '1' });
    expect(page.next).not.toBeNull();
    cursor = page.next as string;
  });

  const refused = async (params: SearchParams, status = 400, user = alice) => {
    const res = await search(user, params);
    expect({ url: searchUrl(params), status: res.status }).toEqual({ url: searchUrl(params), status });
    expectNestError(res, status);
  };

  describe('401 without a valid token, whatever the query', () => {
    it('no token, a garbage token; with a good query and with a bad one', async () => {
      for (const api of [new ApiClient(server().baseUrl), new ApiClient(server().baseUrl, 'garbage')]) {
        const anonymous = { ...alice, api };
        const queries: SearchParams[] = [{ q: t }, {}, { q: '' }, { q: t, limit: '0' }, { q: t, foo: '1' }];
        for (const params of queries) await refused(params, 401, anonymous);
      }
    });
  });

  describe('q', () => {
    it.each<[string, SearchParams]>([
      ['no parameter at all', '' as SearchParams],
      ['missing (other parameters present)', { limit: '5' }],
      ['`q` without `=`', '?q'],
      ['empty', { q: '' }],
      ['blank: spaces', { q: '   ' }],
      ['blank: tab, newline, space', { q: '\t\n ' }],
      ['blank: no-break space', { q: '\u00a0' }],
      ['201 ASCII characters', { q: 'x'.repeat(201) }],
      ['201 emoji (402 UTF-16 units)', { q: '😀'.repeat(201) }],
      ['200 letters and an emoji (201 code points)', { q: `${'x'.repeat(200)}😀` }],
      ['201 code points inside spaces', { q: `  ${'y'.repeat(201)}  ` }],
    ])('400: %s', async (_label, params) => {
      await refused(params);
    });

    it.each<[string, string]>([
      ['200 ASCII characters', LONG],
      ['200 emoji (400 UTF-16 units: code points are counted)', ASTRAL],
      ['199 letters and an emoji (201 UTF-16 units)', `${'x'.repeat(199)}😀`],
      ['101 emoji', '😀'.repeat(101)],
      ['200 code points inside spaces (trimmed first)', `   ${LONG}   `],
      ['one character', 'x'],
    ])('200: %s', async (_label, q) => {
      await searchPage(alice, { q });
    });

    it.each(['\u0000', 'x\u0000y'])('a NUL (%j), which no message can hold: no result, or 400 as for other unstorable text; never a 5xx', async (q) => {
      const res = await search(alice, { q });
      if (res.status === 400) expectNestError(res, 400);
      else expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: { results: [], next: null } });
    });

    it('the longest queries find what they say', async () => {
      await expectFound(alice, LONG, [sent[3]]);
      await expectFound(alice, ` ${ASTRAL} `, [sent[4]]);
      await expectFound(alice, `${'x'.repeat(199)}😀`, []);
    });
  });

  it.each(['0', '51', '100', '-1', '1.5', 'abc', '', '0x10', '1e2', '+1', ' 5', '5 ', '١', '99999999999999999999', 'null', 'true'])('400: limit=%p', async (limit) => {
    await refused({ q: t, limit });
  });

  it.each(['1', '50', '20', '7'])('200: limit=%s', async (limit) => {
    const page = await searchPage(alice, { q: t, limit });
    expect(page.results).toHaveLength(Math.min(Number(limit), sent.length));
  });

  describe('before: anything that is not a cursor of a previous answer is 400', () => {
    it.each<[string, () => string]>([
      ['empty', () => ''],
      ['a word', () => 'abc'],
      ['a number', () => '0'],
      ['a negative number', () => '-1'],
      ['a seq-like number', () => '3'],
      ['null', () => 'null'],
      ['a date', () => new Date().toISOString()],
      ['JSON {}', () => '{}'],
      ['base64url of {}', () => base64url('{}')],
      ['base64url of []', () => base64url('[]')],
      ['base64url of null', () => base64url('null')],
      ['base64url of a string', () => base64url('"x"')],
      ['a long run of letters', () => 'A'.repeat(2000)],
      ['a real cursor reversed', () => [...cursor].reverse().join('')],
      ['a real cursor with a NUL appended', () => `${cursor}\u0000`],
    ])('%s', async (_label, before) => {
      await refused({ q: t, before: before() });
    });

    it('(the real cursor itself is fine)', async () => {
      const page = await searchPage(alice, { q: t, limit: '1', before: cursor });
      expect(page.results).toEqual([sent[3]]);
    });
  });

  it('404: a group name with a NUL in it (no such group)', async () => {
    await refused({ q: t, group: `${group}\u0000` }, 404);
    await refused({ q: t, group: '\u0000' }, 404);
  });

  it('400: an empty `group=`', async () => {
    await refused({ q: t, group: '' });
    await refused(`?q=${t}&group`);
  });

  it.each<[string, () => string]>([
    ['foo=1', () => `?q=${t}&foo=1`],
    ['Q (parameter names are exact)', () => `?q=${t}&Q=${t}`],
    ['sort=desc', () => `?q=${t}&sort=desc`],
    ['after=1', () => `?q=${t}&after=1`],
    ['offset=0', () => `?q=${t}&offset=0`],
    ['q[]', () => `?q[]=${t}`],
    ['q[a]', () => `?q[a]=${t}`],
    ['only an unknown one', () => '?foo=bar'],
  ])('400: unknown parameter %s', async (_label, query) => {
    await refused(query());
  });

  it.each<[string, () => string]>([
    ['q twice, the same', () => `?q=${t}&q=${t}`],
    ['q twice, different', () => `?q=${t}&q=one`],
    ['limit twice', () => `?q=${t}&limit=1&limit=1`],
    ['group twice', () => `?q=${t}&group=${enc(group)}&group=${enc(group)}`],
    ['before twice', () => `?q=${t}&before=${enc(cursor)}&before=${enc(cursor)}`],
  ])('400: repeated parameter, %s', async (_label, query) => {
    await refused(query());
  });

  it('no match is `{results: [], next: null}`', async () => {
    expect(await searchPage(alice, { q: word() })).toEqual({ results: [], next: null });
    expect(await searchPage(alice, { q: word(), group })).toEqual({ results: [], next: null });
  });
});
