import type { Message } from '@chat/protocol';
import { sendMessage, sleep } from '../support/chat';
import { uniqueGroupName } from '../support/api-client';
import { expectFound, labels, searchAll, sortedNewestFirst, useSearch, word } from '../support/search';

/**
 * "Newest first by `createdAt`, then `seq`" (both descending), and the
 * design's last tie-break: for equal createdAt and seq in two groups, the
 * group name descending. Where two messages may share a millisecond, the
 * expectation is the contract's order of what the server stored, never the
 * order of sending.
 */
describe('search: newest first', () => {
  const { people, group, dm, connect } = useSearch();

  it('across groups and dms by createdAt, so a newer message with a lower seq comes first; each member sees their own part', async () => {
    const t = word();
    const [alice, bob] = await people(2, 'Order');
    const g1 = await group(alice, [bob]);
    const g2 = await group(alice);
    const d = (await dm(alice, bob)).name;
    const a = await connect(alice);
    const plan: string[] = [g1, g1, g1, g2, d, d, g1, g2, d, g2, g1];
    const sent: Message[] = [];
    for (const [i, name] of plan.entries()) {
      // A few milliseconds apart: no two share a createdAt.
      await sleep(3);
      sent.push(await sendMessage(a, name, `${t} number ${i}`));
    }
    for (const [i, m] of sent.slice(1).entries()) expect(Date.parse(m.createdAt)).toBeGreaterThan(Date.parse(sent[i].createdAt));
    // g2's first message (seq 1) is newer than g1's seq 3: createdAt decides, not seq.
    expect(sent[3]).toMatchObject({ group: g2, seq: 1 });
    expect(sent[2]).toMatchObject({ group: g1, seq: 3 });

    const newestFirst = [...sent].reverse();
    await expectFound(alice, t, newestFirst);
    expect(labels(sortedNewestFirst(sent))).toEqual(labels(newestFirst));
    for (const limit of ['1', '2', '5']) {
      const { results } = await searchAll(alice, { q: t, limit }, { full: true });
      expect({ limit, found: labels(results) }).toEqual({ limit, found: labels(newestFirst) });
    }
    await expectFound(bob, t, newestFirst.filter((m) => m.group !== g2));
    await expectFound(bob, `number ${t}`, newestFirst.filter((m) => m.group !== g2));
  });

  it('messages of several groups sent at once: createdAt, then seq, both descending, as the server reports them; paging through ties repeats and skips nothing', async () => {
    const t = word();
    const [alice] = await people(1, 'Ties');
    const base = uniqueGroupName('tie');
    const names = [await group(alice, [], `${base}a`), await group(alice, [], `${base}b`), await group(alice, [], `${base}c`)];
    const sockets = await Promise.all(names.map(() => connect(alice)));
    const sent: Message[] = [];
    for (let round = 0; round < 20; round++) {
      // Group c skips the first two rounds and group b the fifth, so an equal createdAt meets an unequal seq.
      const senders = names.map((name, i) => ({ name, socket: sockets[i] })).filter((_, i) => !(i === 2 && round < 2) && !(i === 1 && round === 4));
      sent.push(...(await Promise.all(senders.map(({ name, socket }) => sendMessage(socket, name, `${t} round ${round}`)))));
    }
    const expected = labels(sortedNewestFirst(sent));
    for (const limit of [undefined, '1', '4', '50']) {
      const { results } = await searchAll(alice, { q: t, ...(limit ? { limit } : {}) }, { full: true });
      expect({ limit, found: labels(results) }).toEqual({ limit, found: expected });
    }
    // The full objects, as they were stored.
    const { results } = await searchAll(alice, { q: t, limit: '50' });
    expect(results).toEqual(sortedNewestFirst(sent));
  });

  it('equal createdAt and seq in two groups: the group name descending (names that differ in case only where they differ)', async () => {
    const t = word();
    const [alice] = await people(1, 'Names');
    const base = uniqueGroupName('tie');
    // By name (code points, descending) `…a` comes before `…B`; lower-cased, it would be the other way round.
    const names = [await group(alice, [], `${base}a`), await group(alice, [], `${base}B`)];
    const sockets = await Promise.all(names.map(() => connect(alice)));
    const sent: Message[] = [];
    for (let round = 0; round < 25; round++) sent.push(...(await Promise.all(names.map((name, i) => sendMessage(sockets[i], name, `${t} round ${round}`)))));
    const expected = labels(sortedNewestFirst(sent));
    for (const limit of [undefined, '1', '3']) {
      const { results } = await searchAll(alice, { q: t, ...(limit ? { limit } : {}) }, { full: true });
      expect({ limit, found: labels(results) }).toEqual({ limit, found: expected });
    }
  });
});
