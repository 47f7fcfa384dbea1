import type { Message } from '@chat/protocol';
import type { TestUser } from '../support/api-client';
import { hasLongTerm, labels, matching, searchAll, sortedNewestFirst, useSearch } from '../support/search';

/**
 * Short terms over more messages than one request looks at: the design lets
 * PostgreSQL scan a bounded number of the newest messages per request (5,000
 * at the time of writing) when every term is shorter than 3 characters, and
 * hand the rest to the next page, so a page may hold fewer than `limit`
 * results, even none, with a non-null `next`. Followed until `next` is null,
 * the pages must still be exactly the matches, newest first, each once,
 * matches older than the first slice included. A term of 3 characters or
 * more is not such a query: its pages are full until the last. (On memory
 * the same queries simply work.)
 */
describe('search: short terms over more messages than a request scans', () => {
  const { writer } = useSearch();

  const COUNT = 5600;
  let alice: TestUser;
  let sent: Message[];

  /** The text of message i: a number, and now and then a short word to find. */
  const textOf = (i: number) => {
    const extra = i % 400 === 7 ? ' ok' : i % 400 === 11 ? ' c++' : i % 500 === 13 ? ' Ä' : i % 900 === 17 ? ' ok c++' : '';
    return `n${i}${extra}`;
  };

  beforeAll(async () => {
    const w = await writer('Scan');
    alice = w.user;
    sent = [];
    // Pipelined in batches (the frame rate limit is off): one socket, one group, so seq follows the order of sending.
    const BATCH = 200;
    for (let from = 0; from < COUNT; from += BATCH) {
      const ids: string[] = [];
      for (let i = from; i < Math.min(COUNT, from + BATCH); i++) {
        ids.push(`scan-${i}`);
        w.socket.send('send', { group: w.group, text: textOf(i), clientMsgId: `scan-${i}` });
      }
      const echoes = await w.socket.take('message', ids.length, 60000);
      expect(echoes.map((m) => m.clientMsgId)).toEqual(ids);
      sent.push(...echoes);
    }
  }, 600000);

  it('the setup stored every message, in order', () => {
    expect(sent.map((m) => m.seq)).toEqual(Array.from({ length: COUNT }, (_, i) => i + 1));
  });

  it.each(['ok', 'OK', 'ä', 'ok n1', '+', 'k', 'c+'])('%s: every match, the oldest too, whatever the limit', async (q) => {
    const expected = labels(sortedNewestFirst(matching(sent, q)));
    expect(expected.length).toBeGreaterThan(0);
    for (const limit of [undefined, '1', '7', '50']) {
      const { results } = await searchAll(alice, { q, ...(limit ? { limit } : {}) });
      expect({ q, limit, found: labels(results) }).toEqual({ q, limit, found: expected });
    }
  }, 120000);

  it.each(['c++', 'n5599', 'n10', '"ok c++"', 'ok n12'])('%s (a term of 3 characters or more): every match, pages full until the last', async (q) => {
    expect(hasLongTerm(q)).toBe(true);
    const expected = labels(sortedNewestFirst(matching(sent, q)));
    expect(expected.length).toBeGreaterThan(0);
    for (const limit of [undefined, '1', '7', '50']) {
      const { results } = await searchAll(alice, { q, ...(limit ? { limit } : {}) }, { full: true });
      expect({ q, limit, found: labels(results) }).toEqual({ q, limit, found: expected });
    }
  }, 120000);
});
