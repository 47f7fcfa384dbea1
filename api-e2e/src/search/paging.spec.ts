import type { Message } from '@chat/protocol';
import { sendMessage } from '../support/chat';
import { deleted, edited } from '../support/lifecycle';
import { DEFAULT_LIMIT, expectFound, labels, MAX_LIMIT, say, searchAll, searchPage, sortedNewestFirst, useSearch, word } from '../support/search';

/**
 * `limit` 1..50, default 20; `next` an opaque cursor to pass as `before`, or
 * `null` when there is nothing older (a last page may come back empty). The
 * design: paging never repeats and never skips a message, even while new
 * messages arrive (those are newer than the cursor and appear only on a new
 * search). Every query here has a term of 3 characters or more, so every page
 * but the last is full.
 */
describe('search: limit and paging', () => {
  const { people, group, dm, connect, writer } = useSearch();

  it('default 20, then 1 and 50; pages of 20 are full until the last, whose next is null', async () => {
    const t = word();
    const { user, say: write } = await writer('Limit');
    const sent: Message[] = [];
    for (let i = 0; i < 55; i++) sent.push(...(await write(i % 5 === 0 ? `${t} also ${i}` : `${t} number ${i}`)));
    await write('not this one', `${word()} nor this`);
    const newest = [...sent].reverse();

    const first = await searchPage(user, { q: t });
    expect(first.results).toHaveLength(DEFAULT_LIMIT);
    expect(first.results).toEqual(newest.slice(0, DEFAULT_LIMIT));
    expect(typeof first.next).toBe('string');

    const one = await searchPage(user, { q: t, limit: '1' });
    expect(one.results).toEqual(newest.slice(0, 1));
    expect(typeof one.next).toBe('string');

    const fifty = await searchPage(user, { q: t, limit: String(MAX_LIMIT) });
    expect(fifty.results).toEqual(newest.slice(0, 50));
    const rest = await searchPage(user, { q: t, limit: '50', before: fifty.next as string });
    expect({ results: rest.results, next: rest.next }).toEqual({ results: newest.slice(50), next: null });

    // Pages of 20: 20, 20, 15, and the third says there is nothing older.
    const second = await searchPage(user, { q: t, before: first.next as string });
    expect(second.results).toEqual(newest.slice(20, 40));
    const third = await searchPage(user, { q: t, before: second.next as string });
    expect({ results: third.results, next: third.next }).toEqual({ results: newest.slice(40), next: null });

    // Nothing changed: the same cursor gives the same page.
    expect(await searchPage(user, { q: t, before: first.next as string })).toEqual(second);

    // A query that finds fewer than a page: one page, next null.
    expect(await searchPage(user, { q: `${t} also` })).toEqual({ results: newest.filter((m) => m.text.includes('also')), next: null });
    // And one that finds nothing.
    expect(await searchPage(user, { q: word() })).toEqual({ results: [], next: null });
  });

  it('exactly a page of matches: the next page, if any, is empty with next null', async () => {
    const t = word();
    const { user, say: write } = await writer('Exact');
    const sent: Message[] = [];
    for (let i = 0; i < 10; i++) sent.push(...(await write(`${t} ${i}`)));
    const { pages, results } = await searchAll(user, { q: t, limit: '5' }, { full: true });
    expect(results).toEqual([...sent].reverse());
    expect(pages.length === 2 || (pages.length === 3 && pages[2].length === 0)).toBe(true);
    await expectFound(user, t, sent);
  });

  it('pages in every group and dm of the caller: every match once, newest first, while new messages arrive between pages', async () => {
    const t = word();
    const [alice, bob] = await people(2, 'Arrive');
    const g1 = await group(alice, [bob]);
    const g2 = await group(alice);
    const d = (await dm(alice, bob)).name;
    const a = await connect(alice);
    const b = await connect(bob);
    const before: Message[] = [];
    for (let i = 0; i < 30; i++) {
      const [socket, name] = ([[a, g1], [b, g1], [a, g2], [b, d]] as const)[i % 4];
      before.push(await sendMessage(socket, name, `${t} old ${i}`));
    }
    const arrived: Message[] = [];
    let n = 0;
    const { results, pages } = await searchAll(
      alice,
      { q: t, limit: '7' },
      {
        full: true,
        // Between pages: matches in each of the three, and messages that do not match.
        between: async () => {
          for (const [socket, name] of [[a, g1], [b, d], [a, g2], [b, g1]] as const) arrived.push(await sendMessage(socket, name, `${t} new ${n++}`));
          await say(a, g1, `something else ${n++}`);
        },
      },
    );
    expect(pages.length).toBeGreaterThanOrEqual(5);
    expect(labels(results)).toEqual(labels(sortedNewestFirst(before)));
    expect(results).toEqual(sortedNewestFirst(before));
    // A new search finds the new ones too, first.
    await expectFound(alice, t, [...before, ...arrived]);
    await expectFound(alice, `${t} new`, arrived);
  });

  it('edits and deletes between pages: the pages that follow find the older messages as they are now, and nothing twice', async () => {
    const t = word();
    const { user, group: name, say: write } = await writer('Change');
    const sent: Message[] = [];
    for (let i = 1; i <= 20; i++) sent.push(...(await write(i % 4 === 0 ? `unrelated ${i}` : `${t} match ${i}`)));
    // seq 1..20; seqs 4, 8, 12, 16, 20 do not match.
    const first = await searchPage(user, { q: t, limit: '5' });
    expect(first.results.map((m) => m.seq)).toEqual([19, 18, 17, 15, 14]);

    await deleted(user, name, 11); // not yet seen: gone
    await edited(user, name, 10, 'no longer'); // not yet seen: no longer matches
    const now = await edited(user, name, 8, `${t} now matching`); // not yet seen, older: matches now
    const changed = await edited(user, name, 6, `${t} still matching, changed`); // not yet seen: found as it is now
    await deleted(user, name, 19); // already seen
    await edited(user, name, 18, 'seen, then changed'); // already seen
    await write(`${t} newer than the cursor`);

    const rest: Message[] = [];
    let before = first.next;
    while (before !== null) {
      const page = await searchPage(user, { q: t, limit: '5', before });
      if (page.next !== null) expect(page.results).toHaveLength(5);
      rest.push(...page.results);
      before = page.next;
    }
    expect(rest.map((m) => m.seq)).toEqual([13, 9, 8, 7, 6, 5, 3, 2, 1]);
    expect(rest.find((m) => m.seq === 8)).toEqual(now);
    expect(rest.find((m) => m.seq === 6)).toEqual(changed);
    expect(first.results.map((m) => m.seq).filter((s) => rest.some((m) => m.seq === s))).toEqual([]);
  });

  it('`group=` pages through one group only, with its own cursor', async () => {
    const t = word();
    const [alice, bob] = await people(2, 'GroupPages');
    const g1 = await group(alice, [bob]);
    const g2 = await group(alice);
    const a = await connect(alice);
    const sent: Message[] = [];
    for (let i = 0; i < 24; i++) sent.push(await sendMessage(a, i % 3 === 0 ? g2 : g1, `${t} ${i}`));
    for (const limit of ['1', '4', '20']) {
      const { results } = await searchAll(alice, { q: t, group: g1, limit }, { full: true });
      expect({ limit, found: labels(results) }).toEqual({ limit, found: labels(sortedNewestFirst(sent.filter((m) => m.group === g1))) });
      const { results: other } = await searchAll(alice, { q: t, group: g2, limit }, { full: true });
      expect({ limit, found: labels(other) }).toEqual({ limit, found: labels(sortedNewestFirst(sent.filter((m) => m.group === g2))) });
    }
    await expectFound(bob, t, sent.filter((m) => m.group === g1), { group: g1 });
  });
});
