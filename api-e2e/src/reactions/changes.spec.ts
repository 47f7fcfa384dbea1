import { history } from '../support/api-client';
import { sendMessages } from '../support/chat';
import { allChanges, changesPage, GroupReplica, revAndSeq, statesOf, waitForRev, changeEvents } from '../support/lifecycle';
import { reacted, unreacted } from '../support/reactions';
import { useCrowd } from '../support/crowd';

/** `changes?after=` returns a reacted message once, in its current state, at the rev of its latest change. */
describe('reactions in `changes`', () => {
  const { people, room } = useCrowd();

  it('a message reacted to several times comes once, with its reactions, at the rev of its last reaction', async () => {
    const { alice, bob } = people();
    const { group, a1 } = await room('changes');
    await sendMessages(a1, group, 3); // revs 1..3
    await reacted(bob, group, 2, '👍'); // 4
    await reacted(alice, group, 2, '👍'); // 5
    await reacted(bob, group, 1, '❤️'); // 6
    await reacted(bob, group, 2, '😂'); // 7
    await unreacted(alice, group, 2, '👍'); // 8

    const page = await changesPage(bob, group, '?after=3');
    expect(page.lastRev).toBe(8);
    expect(page.messages.map((m) => [m.seq, m.rev])).toEqual([
      [1, 6],
      [2, 8],
    ]);
    expect(page.messages[1].reactions).toEqual([
      { emoji: '👍', count: 1, me: true },
      { emoji: '😂', count: 1, me: true },
    ]);
    // The same state as the history.
    const stored = await history(bob, group);
    expect(page.messages).toEqual([stored[0], stored[1]]);
    // After the last reaction's rev there is nothing; just before it, only that message.
    expect((await changesPage(bob, group, '?after=8')).messages).toEqual([]);
    expect((await changesPage(alice, group, '?after=7')).messages.map((m) => [m.seq, m.rev, m.reactions])).toEqual([[2, 8, [{ emoji: '👍', count: 1, me: false }, { emoji: '😂', count: 1, me: false }]]]);
    // The seq-based catch-up does not see reactions: nothing has a higher seq.
    expect(await history(bob, group, '?after=3')).toEqual([]);
  });

  it('a client away during reactions catches up with changes to the copy of a client that stayed', async () => {
    const { alice, bob } = people();
    const { group, a1, b } = await room('away');
    await sendMessages(a1, group, 4);
    await reacted(bob, group, 1, '👍');
    await waitForRev(b, group, 5);
    const away = new GroupReplica();
    for (const e of changeEvents(b, group)) expect(away.applyEvent(e)).toBe(true);
    await b.closeAndWait();

    await reacted(alice, group, 1, '👍');
    await reacted(alice, group, 3, '🎉');
    await unreacted(bob, group, 1, '👍');
    await reacted(bob, group, 4, '🎉');
    await reacted(alice, group, 4, '🎉');
    await unreacted(alice, group, 3, '🎉');
    const { lastRev } = await revAndSeq(alice, group);
    expect(lastRev).toBe(11);
    await waitForRev(a1, group, lastRev);
    const stayed = new GroupReplica();
    for (const e of changeEvents(a1, group)) expect(stayed.applyEvent(e)).toBe(true);
    expect(stayed.contradictions).toEqual([]);

    const caught = await allChanges(bob, group, away.lastRev, 2);
    expect(caught.messages.map((m) => [m.seq, m.rev])).toEqual([
      [1, 8],
      [4, 10],
      [3, 11],
    ]);
    away.applyChanges(caught.messages, caught.lastRev);
    const stored = await history(bob, group);
    expect(away.states()).toEqual(statesOf(stored));
    expect(stayed.states()).toEqual(statesOf(stored));
    expect(stored.map((m) => m.reactions.map((r) => `${r.emoji}${r.count}`))).toEqual([['👍1'], [], [], ['🎉2']]);
  });
});
