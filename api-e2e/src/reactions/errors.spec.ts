import { ApiClient, history, TestUser } from '../support/api-client';
import { leaveGroup, sendMessage, sendMessages } from '../support/chat';
import { expectNestError, expectMessageShape } from '../support/expect';
import { allChanges, deleted, expectNoMoreChanges, revAndSeq, tombstoneOf, watchAfter } from '../support/lifecycle';
import { react, reacted, reactionPath, unreact, whoReacted } from '../support/reactions';
import { useCrowd } from '../support/crowd';

/** The three reaction routes, each with the status it must answer. */
const ROUTES: Array<[string, (user: TestUser, group: string, seq: number | string) => ReturnType<typeof react>]> = [
  ['PUT', (user, group, seq) => react(user, group, seq, '👍')],
  ['DELETE', (user, group, seq) => unreact(user, group, seq, '👍')],
  ['GET who reacted', (user, group, seq) => whoReacted(user, group, seq)],
];

describe('reactions: refusals', () => {
  const { server, people, room } = useCrowd();

  describe.each(ROUTES)('%s', (_route, call) => {
    it('401 without a valid token', async () => {
      const { alice } = people();
      const { group, a1 } = await room('anon');
      await sendMessage(a1, group, 'target');
      for (const api of [new ApiClient(server().baseUrl), new ApiClient(server().baseUrl, 'garbage')]) {
        expectNestError(await call({ ...alice, api }, group, 1), 401);
      }
      expect(await revAndSeq(alice, group)).toEqual({ lastRev: 1, lastSeq: 1 });
    });

    it('403 for a non-member, and for a former member', async () => {
      const { alice, bob, carol } = people();
      const { group, a1, members } = await room('forbidden');
      const message = await sendMessage(a1, group, 'members only');
      await reacted(bob, group, 1, '👍');
      await leaveGroup(bob, group);
      const watch = await watchAfter(members.slice(0, 2), group, 2);
      expectNestError(await call(carol, group, 1), 403);
      expectNestError(await call(bob, group, 1), 403);
      // Bob's reaction from when he was a member stays.
      expect((await history(alice, group))[0]).toEqual({ ...message, rev: 2, reactions: [{ emoji: '👍', count: 1, me: false }] });
      await expectNoMoreChanges(watch, a1, group, 2);
    });

    it('404 for no such group, and for a seq beyond lastSeq', async () => {
      const { alice } = people();
      const { group, a1 } = await room('missing');
      await sendMessages(a1, group, 2);
      expectNestError(await call(alice, `no such group ${Date.now()}`, 1), 404);
      expectNestError(await call(alice, group, 3), 404);
      expectNestError(await call(alice, group, 999999), 404);
      expectNestError(await call(alice, group, 2147483648), 404);
      expect(await revAndSeq(alice, group)).toEqual({ lastRev: 2, lastSeq: 2 });
    });

    it('404 for a deleted message', async () => {
      const { alice, bob } = people();
      const { group, a1, members } = await room('deleted');
      await sendMessages(a1, group, 2);
      await deleted(alice, group, 1);
      const watch = await watchAfter(members, group, 3);
      expectNestError(await call(bob, group, 1), 404);
      expectNestError(await call(alice, group, 1), 404);
      await expectNoMoreChanges(watch, a1, group, 3);
    });

    it.each(['0', '-1', '1.5', 'abc', '1e0', '+1'])('400 for the seq %p', async (seq) => {
      const { alice } = people();
      const { group, a1 } = await room('badseq');
      await sendMessage(a1, group, 'target');
      expectNestError(await call(alice, group, seq), 400);
      expect(await revAndSeq(alice, group)).toEqual({ lastRev: 1, lastSeq: 1 });
    });
  });

  it('a deleted message loses its reactions: the tombstone has reactions [] in history and changes', async () => {
    const { alice, bob } = people();
    const { group, a1, b } = await room('tombstone');
    const original = await sendMessage(a1, group, 'soon gone');
    await reacted(bob, group, 1, '👍');
    await reacted(alice, group, 1, '😂');
    await deleted(alice, group, 1);
    expect(await b.next('delete')).toEqual({ group, seq: 1, rev: 4 });
    const stored = (await history(bob, group))[0];
    expectMessageShape(stored);
    expect(stored).toEqual(tombstoneOf(original, 4));
    expect(stored.reactions).toEqual([]);
    expect((await allChanges(bob, group)).messages).toEqual([stored]);
  });

  it('the group name in the path is URL-encoded and case-insensitive', async () => {
    const { alice, bob } = people();
    const { group, a1 } = await room('Ünïcode Reacts');
    await sendMessage(a1, group, 'hello');
    await reacted(bob, group.toUpperCase(), 1, '👍');
    expect((await history(alice, group))[0].reactions).toEqual([{ emoji: '👍', count: 1, me: false }]);
    expect(reactionPath(group, 1, '👍')).toContain(encodeURIComponent(group));
  });
});
