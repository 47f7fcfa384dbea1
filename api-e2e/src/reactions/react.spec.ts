import { history, joinGroup } from '../support/api-client';
import { getGroup, leaveGroup, sendMessage, sendMessages } from '../support/chat';
import { expectMessageShape } from '../support/expect';
import { ChangeWatch, edited, expectNoMoreChanges, revAndSeq, watchAfter } from '../support/lifecycle';
import { expectNoContent, expectReactionEventShape, react, reacted, reactionEventOf, unreacted } from '../support/reactions';
import { useCrowd } from '../support/crowd';

describe('reactions: PUT and DELETE /api/groups/:name/messages/:seq/reactions/:emoji', () => {
  const { people, everyone, room, crowd } = useCrowd();

  it('PUT: 204; `reaction` {group, seq, rev, emoji, user, added, count} reaches every connection of every member, the reactor’s and the sender’s included, and no outsider', async () => {
    const { alice, bob } = people();
    const { group, a1, b, c, members } = await room('put');
    const message = await sendMessage(a1, group, 'react to me');
    const watch = await watchAfter(members, group, 1);
    const outsider = new ChangeWatch([c]);

    expectNoContent(await react(bob, group, 1, '👍'));
    const event = await b.next('reaction');
    expectReactionEventShape(event);
    expect(event).toEqual(reactionEventOf(message, { rev: 2, emoji: '👍', user: bob, added: true, count: 1 }));
    // The user is the reactor as anyone sees them: no email.
    expect(event.user).toEqual({ id: bob.user.id, displayName: bob.user.displayName });
    await watch.expectExactly([{ event: 'reaction', data: event }], 0);
    await outsider.expectNone(0);

    // The message changed at that rev (reactions and rev only), and so did the group.
    const stored = (await history(alice, group))[0];
    expectMessageShape(stored);
    expect(stored).toEqual({ ...message, rev: 2, reactions: [{ emoji: '👍', count: 1, me: false }] });
    expect(await revAndSeq(alice, group)).toEqual({ lastRev: 2, lastSeq: 1 });
  });

  it('DELETE removes the caller’s own reaction: 204; `reaction` with added false and count 0; the emoji leaves `reactions`', async () => {
    const { alice, bob } = people();
    const { group, a1, c, members } = await room('delete');
    const message = await sendMessage(a1, group, 'react, then regret');
    await reacted(bob, group, 1, '🎉');
    const watch = await watchAfter(members, group, 2);
    const outsider = new ChangeWatch([c]);

    await unreacted(bob, group, 1, '🎉');
    const event = reactionEventOf(message, { rev: 3, emoji: '🎉', user: bob, added: false, count: 0 });
    await watch.expectExactly([{ event: 'reaction', data: event }], 0);
    await outsider.expectNone(0);
    expect((await history(alice, group))[0]).toEqual({ ...message, rev: 3, reactions: [] });
    expect(await revAndSeq(alice, group)).toEqual({ lastRev: 3, lastSeq: 1 });
  });

  it('each change moves the message’s rev and the group’s lastRev by exactly one, and nothing else: not seq, lastSeq, text, editedAt or mentions', async () => {
    const { alice, bob } = people();
    const { group, a1 } = await room('rev');
    await sendMessages(a1, group, 3);
    const before = await edited(alice, group, 2, 'edited before the reactions'); // rev 4
    const steps: Array<[string, () => Promise<void>]> = [
      ['Bob 👍', () => reacted(bob, group, 2, '👍')],
      ['Alice 👍', () => reacted(alice, group, 2, '👍')],
      ['Alice ❤️', () => reacted(alice, group, 2, '❤️')],
      ['Bob removes 👍', () => unreacted(bob, group, 2, '👍')],
      ['Alice removes ❤️', () => unreacted(alice, group, 2, '❤️')],
    ];
    for (const [i, [label, step]] of steps.entries()) {
      await step();
      const now = (await history(alice, group))[1];
      expect({ label, rev: now.rev, lastRev: (await revAndSeq(alice, group)).lastRev }).toEqual({ label, rev: 5 + i, lastRev: 5 + i });
      expect({ ...now, rev: before.rev, reactions: [] }).toEqual(before);
    }
    // The other messages kept their revs, and no seq moved.
    expect((await history(alice, group)).map((m) => [m.seq, m.rev])).toEqual([
      [1, 1],
      [2, 9],
      [3, 3],
    ]);
    expect((await sendMessage(a1, group, 'next')).seq).toBe(4);
  });

  describe('a call that changes nothing takes no revision and sends no event', () => {
    it('a second PUT of the same emoji by the same user: 204, count stays 1', async () => {
      const { alice, bob } = people();
      const { group, a1, c, members } = await room('put-twice');
      const message = await sendMessage(a1, group, 'once is enough');
      await reacted(bob, group, 1, '👍');
      const watch = await watchAfter(members, group, 2);
      const outsider = new ChangeWatch([c]);

      await reacted(bob, group, 1, '👍');
      await reacted(bob, group, 1, '👍');
      expect(await revAndSeq(alice, group)).toEqual({ lastRev: 2, lastSeq: 1 });
      expect((await history(bob, group))[0]).toEqual({ ...message, rev: 2, reactions: [{ emoji: '👍', count: 1, me: true }] });
      await expectNoMoreChanges(watch, a1, group, 2);
      await outsider.expectNone(0);
    });

    it('a second DELETE, and a DELETE of a reaction never made (by the caller, or at all): 204', async () => {
      const { alice, bob } = people();
      const { group, a1, members } = await room('delete-twice');
      const message = await sendMessage(a1, group, 'nothing to remove');
      await reacted(bob, group, 1, '👍');
      await unreacted(bob, group, 1, '👍'); // rev 3
      await reacted(alice, group, 1, '😂'); // rev 4
      const watch = await watchAfter(members, group, 4);

      await unreacted(bob, group, 1, '👍'); // already removed
      await unreacted(bob, group, 1, '🙈'); // never on the message
      await unreacted(bob, group, 1, '😂'); // Alice's, not his: he removes only his own
      expect(await revAndSeq(alice, group)).toEqual({ lastRev: 4, lastSeq: 1 });
      expect((await history(alice, group))[0]).toEqual({ ...message, rev: 4, reactions: [{ emoji: '😂', count: 1, me: true }] });
      await expectNoMoreChanges(watch, a1, group, 4);
    });

    it('on a message nobody reacted to: DELETE leaves it at its rev', async () => {
      const { alice } = people();
      const { group, a1, members } = await room('untouched');
      const message = await sendMessage(a1, group, 'untouched');
      const watch = await watchAfter(members, group, 1);
      await unreacted(alice, group, 1, '👍');
      expect(await history(alice, group)).toEqual([message]);
      await expectNoMoreChanges(watch, a1, group, 1);
    });
  });

  it('several users: each reaction counts once, each event carries its reactor and the count after it', async () => {
    const { alice, bob, dave, erin } = everyone();
    const { group, d, members } = await crowd('counts');
    const message = await sendMessage(d, group, 'a popular message');
    const watch = await watchAfter(members, group, 1);
    const steps: Array<[typeof alice, string, boolean]> = [
      [alice, '👍', true],
      [bob, '👍', true],
      [dave, '❤️', true],
      [dave, '👍', true],
      [erin, '👍', true],
      [bob, '👍', false],
      [erin, '❤️', true],
    ];
    for (const [user, emoji, add] of steps) await (add ? reacted : unreacted)(user, group, 1, emoji);
    const counts = [1, 2, 1, 3, 4, 3, 2];
    const expected = steps.map(([user, emoji, added], i) => ({ event: 'reaction' as const, data: reactionEventOf(message, { rev: 2 + i, emoji, user, added, count: counts[i] }) }));
    await watch.expectExactly(expected, 0);

    const stored = (await history(erin, group))[0];
    expect(stored).toEqual({ ...message, rev: 8, reactions: [{ emoji: '👍', count: 3, me: true }, { emoji: '❤️', count: 2, me: true }] });
    expect((await history(bob, group))[0].reactions).toEqual([{ emoji: '👍', count: 3, me: false }, { emoji: '❤️', count: 2, me: false }]);
    expect(await revAndSeq(alice, group)).toEqual({ lastRev: 8, lastSeq: 1 });
  });

  it('a member who joins later hears reactions at once, on the socket already open; one who left hears none', async () => {
    const { alice, bob, carol } = people();
    const { group, a1, a2, b, c } = await room('join-leave');
    const message = await sendMessage(a1, group, 'who hears this?');
    await joinGroup(carol, group);
    await leaveGroup(bob, group);
    const former = new ChangeWatch([b], group);
    await reacted(alice, group, 1, '👋');
    const event = reactionEventOf(message, { rev: 2, emoji: '👋', user: alice, added: true, count: 1 });
    expect(await c.next('reaction')).toEqual(event);
    expect(await a2.next('reaction')).toEqual(event);
    await former.expectNone(0);
    await leaveGroup(carol, group);
  });

  it('reactions on several messages are separate: counts, events and revs per message', async () => {
    const { alice, bob } = people();
    const { group, a1, b } = await room('separate');
    const [one, two] = await sendMessages(a1, group, 2);
    await reacted(bob, group, 1, '👍');
    await reacted(bob, group, 2, '👍');
    await reacted(alice, group, 2, '👍');
    expect(await b.take('reaction', 3)).toEqual([
      reactionEventOf(one, { rev: 3, emoji: '👍', user: bob, added: true, count: 1 }),
      reactionEventOf(two, { rev: 4, emoji: '👍', user: bob, added: true, count: 1 }),
      reactionEventOf(two, { rev: 5, emoji: '👍', user: alice, added: true, count: 2 }),
    ]);
    expect((await history(bob, group)).map((m) => [m.seq, m.rev, m.reactions])).toEqual([
      [1, 3, [{ emoji: '👍', count: 1, me: true }]],
      [2, 5, [{ emoji: '👍', count: 2, me: true }]],
    ]);
    expect((await getGroup(bob, group)).lastRev).toBe(5);
  });
});
