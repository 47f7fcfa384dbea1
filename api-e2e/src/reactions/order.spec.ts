import type { Message } from '@chat/protocol';
import { history, TestUser } from '../support/api-client';
import { sendMessage } from '../support/chat';
import { changesPage, countsOf, replicaOf, statesOf, waitForRev } from '../support/lifecycle';
import { reacted, reactionsWithUsers, unreacted } from '../support/reactions';
import { useCrowd } from '../support/crowd';

/** `reactions` lists each emoji in the order in which it last went from no reaction to one. */
describe('reactions: order', () => {
  const { everyone, crowd } = useCrowd();

  type Step = [TestUser, string, 'put' | 'delete'];

  /** Runs the steps on a new message; returns what history, changes and a live copy show, without `me`. */
  async function after(tag: string, steps: () => Step[]) {
    const { alice } = everyone();
    const { group, a1, members } = await crowd(tag);
    await sendMessage(a1, group, 'order me');
    for (const [user, emoji, op] of steps()) await (op === 'put' ? reacted : unreacted)(user, group, 1, emoji);
    const [message] = await history(alice, group);
    const fromChanges = (await changesPage(alice, group, '?after=0')).messages[0];
    expect(fromChanges).toEqual(message);
    for (const s of members) await waitForRev(s, group, message.rev);
    for (const s of members) expect(replicaOf(s, group).states()).toEqual(statesOf([message]));
    const who = await reactionsWithUsers(alice, group, 1);
    expect(who.map((r) => r.emoji)).toEqual(message.reactions.map((r) => r.emoji));
    return { emoji: message.reactions.map((r) => r.emoji), counts: countsOf(message.reactions), message: message as Message, group };
  }

  it('A 👍, B ❤️, A removes 👍, A 👍 again: [❤️, 👍]', async () => {
    const { alice, bob } = everyone();
    const seen = await after('example', () => [
      [alice, '👍', 'put'],
      [bob, '❤️', 'put'],
      [alice, '👍', 'delete'],
      [alice, '👍', 'put'],
    ]);
    expect(seen.counts).toEqual([
      { emoji: '❤️', count: 1 },
      { emoji: '👍', count: 1 },
    ]);
  });

  it('an emoji still held by another user keeps its place when one reactor leaves and comes back', async () => {
    const { alice, bob, dave } = everyone();
    const seen = await after('kept', () => [
      [alice, '👍', 'put'],
      [bob, '👍', 'put'],
      [dave, '❤️', 'put'],
      [alice, '👍', 'delete'], // Bob still holds it
      [alice, '👍', 'put'],
      [bob, '😂', 'put'],
    ]);
    expect(seen.counts).toEqual([
      { emoji: '👍', count: 2 },
      { emoji: '❤️', count: 1 },
      { emoji: '😂', count: 1 },
    ]);
  });

  it('an emoji that dropped to none and came back goes last, even behind later ones; counts do not reorder', async () => {
    const { alice, bob, dave, erin } = everyone();
    const seen = await after('last', () => [
      [alice, '🎉', 'put'],
      [bob, '👍', 'put'],
      [dave, '👍', 'put'],
      [erin, '👍', 'put'],
      [dave, '😮', 'put'],
      [alice, '🎉', 'delete'], // none left
      [bob, '🎉', 'put'], // back, now last
      [bob, '😮', 'put'],
      [erin, '😮', 'put'],
    ]);
    expect(seen.counts).toEqual([
      { emoji: '👍', count: 3 },
      { emoji: '😮', count: 3 },
      { emoji: '🎉', count: 1 },
    ]);
  });

  it('who reacted: users oldest reaction first, in the same order as `reactions`', async () => {
    const { alice, bob, dave, erin } = everyone();
    const seen = await after('who', () => [
      [erin, '👍', 'put'],
      [alice, '👍', 'put'],
      [dave, '🔥', 'put'],
      [bob, '👍', 'put'],
      [alice, '👍', 'delete'],
      [alice, '👍', 'put'], // Alice is now the newest 👍
      [bob, '🔥', 'put'],
    ]);
    const who = await reactionsWithUsers(dave, seen.group, 1);
    const names = who.map((r) => [r.emoji, r.count, r.me, r.users.map((u) => u.displayName)]);
    expect(names).toEqual([
      ['👍', 3, false, [erin, bob, alice].map((u) => u.user.displayName)],
      ['🔥', 2, true, [dave, bob].map((u) => u.user.displayName)],
    ]);
    for (const r of who) for (const u of r.users) expect(Object.keys(u).sort()).toEqual(['displayName', 'id']);
    expect(who[0].users.map((u) => u.id)).toEqual([erin, bob, alice].map((u) => u.user.id));
  });
});
