import type { Message } from '@chat/protocol';
import type { TestUser } from '../support/api-client';
import { hasLongTerm, labels, matching, searchAll, sortedNewestFirst, useSearch } from '../support/search';

/**
 * 1- and 2-character terms work (the design: `"a"` finds every message with
 * an `a`). On PostgreSQL a query whose terms are all that short may come over
 * several pages, some short or even empty, with a non-null `next`: the union
 * of the pages, followed until `next` is null, must be exactly the matches,
 * newest first, each once. Alice is in two groups and a dm, Bob in one of the
 * groups and the dm; nothing else is theirs.
 */
describe('search: 1- and 2-character terms', () => {
  const { people, group, dm, connect } = useSearch();

  const VOCABULARY = ['apple pie', 'ab', 'BA', 'xyz', 'a', 'b', 'Äb', 'q', '東京', 'x_y', '100%', 'nothing here', 'c', 'AB AB', 'ä', 'zz top', 'a b', 'b a', 'Ünder'];
  const COUNT = 150;

  let alice: TestUser;
  let bob: TestUser;
  /** Everything sent, to the group of both (`shared`), Alice's own group and the dm, in turn. */
  let sent: Message[];
  let aliceOnly: string;

  beforeAll(async () => {
    [alice, bob] = await people(2, 'Short');
    const shared = await group(alice, [bob]);
    aliceOnly = await group(alice);
    const theDm = (await dm(alice, bob)).name;
    const a = await connect(alice);
    const b = await connect(bob);
    sent = [];
    for (let i = 0; i < COUNT; i++) {
      const text = `${VOCABULARY[i % VOCABULARY.length]} ${i}`;
      const [socket, name] = [
        [a, shared],
        [b, shared],
        [a, aliceOnly],
        [b, theDm],
        [a, theDm],
      ][i % 5] as [typeof a, string];
      socket.send('send', { group: name, text, clientMsgId: `short-${i}` });
      sent.push(await socket.next('message', (m) => m.clientMsgId === `short-${i}`));
    }
  }, 120000);

  it('the setup stored every message', () => {
    expect(sent).toHaveLength(COUNT);
  });

  it.each(['a', 'A', 'ab', 'AB', 'b', 'ä', 'Ä', 'Äb', 'ün', '_', '%', '1', '12', '7 ', '東', 'q', 'x', 'zz', 'a b', '"a b"', '"b a"', 'ab 1', 'zq'])(
    '%s: exactly the matches, over as many pages as it takes, whatever the limit',
    async (q) => {
      const expected = labels(sortedNewestFirst(matching(sent, q)));
      for (const limit of [undefined, '1', '7', '50']) {
        const { results } = await searchAll(alice, { q, ...(limit ? { limit } : {}) }, { full: hasLongTerm(q) });
        expect({ q, limit, found: labels(results) }).toEqual({ q, limit, found: expected });
      }
      // Bob reads the shared group and the dm, not Alice's own group.
      const forBob = labels(sortedNewestFirst(matching(sent, q).filter((m) => m.group !== aliceOnly)));
      const { results } = await searchAll(bob, { q });
      expect({ q, found: labels(results) }).toEqual({ q, found: forBob });
    },
    120000,
  );

  it('a short term with `group=`: only that group, all of its matches', async () => {
    const expected = labels(sortedNewestFirst(matching(sent, 'a').filter((m) => m.group === aliceOnly)));
    expect(expected.length).toBeGreaterThan(5);
    const { results } = await searchAll(alice, { q: 'a', group: aliceOnly, limit: '3' });
    expect(labels(results)).toEqual(expected);
  });
});
