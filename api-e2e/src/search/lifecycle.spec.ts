import type { Message } from '@chat/protocol';
import { history, publicUser } from '../support/api-client';
import { sendMessage } from '../support/chat';
import { deleted, edited, replyToOf } from '../support/lifecycle';
import { tokenOf } from '../support/mentions';
import { reacted } from '../support/reactions';
import { expectFound, searchAll, searchPage, sortedNewestFirst, useSearch, word } from '../support/search';

/**
 * "Deleted messages are never found; an edited message is found by its
 * current text only" (the design: immediately after the edit). Results are
 * full messages, as history gives them to the caller: rev, editedAt, replyTo,
 * mentions, reactions with `me` for the caller.
 */
describe('search: deleted, edited, and full messages', () => {
  const { people, group, dm, connect } = useSearch();

  it('a deleted message is never found, by any of its words, in a group or a dm, by anyone', async () => {
    const t = word();
    const [alice, bob] = await people(2, 'Deleted');
    const name = await group(alice, [bob]);
    const d = (await dm(alice, bob)).name;
    const a = await connect(alice);
    const [m1, m2, m3] = [await sendMessage(a, name, `${t} kept`), await sendMessage(a, name, `${t} doomed zebra`), await sendMessage(a, d, `${t} doomed walrus`)];
    await expectFound(bob, t, [m1, m2, m3]);

    await deleted(alice, name, m2.seq);
    await deleted(alice, d, m3.seq);
    for (const user of [alice, bob]) {
      await expectFound(user, t, [m1]);
      await expectFound(user, 'zebra', []);
      await expectFound(user, 'walrus', []);
      await expectFound(user, 'doomed', []);
      await expectFound(user, `"${t} doomed"`, []);
      // Short terms (a scan on PostgreSQL): letters of the deleted ones only (the word has no vowels).
      await expectFound(user, 'ze', []);
      await expectFound(user, 'a', []);
      await expectFound(user, 'u', []);
      await expectFound(user, t, [m1], { group: name });
      await expectFound(user, t, [], { group: d });
    }
    await deleted(alice, name, m1.seq);
    expect(await searchPage(bob, { q: t })).toEqual({ results: [], next: null });
  });

  it('an edited message is found by its new text at once, never by its old text, by every member', async () => {
    const t = word();
    const [alice, bob] = await people(2, 'Edited');
    const name = await group(alice, [bob]);
    const a = await connect(alice);
    const original = await sendMessage(a, name, `${t} old words giraffe`);
    const other = await sendMessage(a, name, `${t} bystander`);
    await expectFound(bob, 'giraffe', [original]);

    const first = await edited(alice, name, original.seq, `${t} new words pelican`);
    for (const user of [alice, bob]) {
      await expectFound(user, 'giraffe', []);
      await expectFound(user, 'old', []);
      await expectFound(user, '"old words"', []);
      await expectFound(user, 'gi', []);
      await expectFound(user, 'pelican', [first]);
      await expectFound(user, '"new words"', [first]);
      await expectFound(user, `${t} new`, [first]);
      await expectFound(user, t, [first, other]);
    }
    expect((await searchPage(bob, { q: 'pelican' })).results).toEqual([first]);
    expect(first).toMatchObject({ seq: original.seq, createdAt: original.createdAt, editedAt: expect.any(String), text: `${t} new words pelican` });

    // Edited again: only the newest text counts, and a change of case only changes what is shown.
    const second = await edited(alice, name, original.seq, `${t} third version`);
    await expectFound(bob, 'pelican', []);
    await expectFound(bob, 'third', [second]);
    const third = await edited(alice, name, original.seq, `${t.toUpperCase()} THIRD VERSION`);
    await expectFound(bob, 'third version', [third]);
    expect((await searchPage(bob, { q: 'third' })).results[0].text).toBe(`${t.toUpperCase()} THIRD VERSION`);
    // Its place is still that of its creation: older than the bystander.
    await expectFound(bob, t, [third, other]);
    expect((await searchPage(bob, { q: t })).results.map((m) => m.seq)).toEqual([other.seq, original.seq]);
  });

  it('a reply is found by its own text, not by the excerpt it quotes; a mention token is text like any other', async () => {
    const t = word();
    const [alice, bob] = await people(2, 'Reply');
    const name = await group(alice, [bob]);
    const [a, b] = [await connect(alice), await connect(bob)];
    const original = await sendMessage(a, name, `${t} original hippo`);
    const reply = await sendMessage(b, name, `${t} answer`, undefined, { replyTo: original.seq });
    expect(reply.replyTo).toEqual(replyToOf(original));
    await expectFound(alice, 'hippo', [original]);
    await expectFound(alice, 'answer', [reply]);
    const found = await expectFound(bob, `answer ${t}`, [reply]);
    expect(found[0].replyTo).toEqual(replyToOf(original));

    const mention = await sendMessage(a, name, `${t} hello ${tokenOf(bob)}`);
    expect(mention.mentions).toEqual([bob.user.id]);
    const [byToken] = await expectFound(bob, tokenOf(bob), [mention]);
    expect(byToken.mentions).toEqual([bob.user.id]);
    await expectFound(bob, bob.user.id, [mention]);
    // The display name is not in the text.
    await expectFound(bob, bob.user.displayName, []);
  });

  it('results are the very messages history gives each caller: reactions with `me` for the caller, editedAt, replyTo, mentions, rev', async () => {
    const t = word();
    const [alice, bob, carol] = await people(3, 'Full');
    const name = await group(alice, [bob, carol]);
    const d = (await dm(alice, bob)).name;
    const [a, b] = [await connect(alice), await connect(bob)];
    const m1 = await sendMessage(a, name, `${t} reacted to`);
    await sendMessage(b, name, `${t} plain`);
    await sendMessage(b, name, `${t} reply`, undefined, { replyTo: m1.seq });
    await sendMessage(a, name, `${t} mention ${tokenOf(carol)}`);
    await sendMessage(a, name, 'not matching');
    await sendMessage(a, name, `${t} to be deleted`);
    await sendMessage(b, d, `${t} in the dm`);
    await reacted(alice, name, 1, '👍');
    await reacted(bob, name, 1, '👍');
    await reacted(bob, name, 1, '❤️');
    await reacted(carol, name, 1, '😂');
    await reacted(alice, name, 2, '🎉');
    await reacted(alice, d, 1, '👀');
    await edited(bob, name, 2, `${t} plain, edited`);
    await deleted(alice, name, 6);

    const expectedFor = async (user: typeof alice, groups: string[]): Promise<Message[]> => {
      const all = (await Promise.all(groups.map((g) => history(user, g)))).flat();
      return sortedNewestFirst(all.filter((m) => !m.deleted && m.text.includes(t)));
    };
    for (const [user, groups] of [
      [alice, [name, d]],
      [bob, [name, d]],
      [carol, [name]],
    ] as const) {
      const expected = await expectedFor(user, [...groups]);
      const { results } = await searchAll(user, { q: t, limit: '50' });
      expect({ user: user.user.displayName, results }).toEqual({ user: user.user.displayName, results: expected });
      const { results: paged } = await searchAll(user, { q: t, limit: '2' });
      expect({ user: user.user.displayName, results: paged }).toEqual({ user: user.user.displayName, results: expected });
      const { results: inGroup } = await searchAll(user, { q: t, group: name });
      expect(inGroup).toEqual(expected.filter((m) => m.group === name));
    }

    // Spelled out for message 1: the counts are everyone's, `me` is the caller's.
    const reactionsOf1 = async (user: typeof alice) => (await searchPage(user, { q: 'reacted to', group: name })).results[0].reactions;
    expect(await reactionsOf1(alice)).toEqual([
      { emoji: '👍', count: 2, me: true },
      { emoji: '❤️', count: 1, me: false },
      { emoji: '😂', count: 1, me: false },
    ]);
    expect(await reactionsOf1(bob)).toEqual([
      { emoji: '👍', count: 2, me: true },
      { emoji: '❤️', count: 1, me: true },
      { emoji: '😂', count: 1, me: false },
    ]);
    expect(await reactionsOf1(carol)).toEqual([
      { emoji: '👍', count: 2, me: false },
      { emoji: '❤️', count: 1, me: false },
      { emoji: '😂', count: 1, me: true },
    ]);
    const [reply] = (await searchPage(carol, { q: `${t} reply` })).results;
    expect(reply).toMatchObject({ seq: 3, sender: publicUser(bob), replyTo: { seq: 1, sender: publicUser(alice), excerpt: `${t} reacted to`, deleted: false } });
    const [mention] = (await searchPage(carol, { q: 'mention' })).results;
    expect(mention.mentions).toEqual([carol.user.id]);
    const [plain] = (await searchPage(carol, { q: 'plain' })).results;
    expect(plain).toMatchObject({ text: `${t} plain, edited`, editedAt: expect.any(String), reactions: [{ emoji: '🎉', count: 1, me: false }] });
    expect(plain.rev).toBeGreaterThan(plain.seq);
  });
});
