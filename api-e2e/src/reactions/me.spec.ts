import type { Message } from '@chat/protocol';
import { history, TestUser } from '../support/api-client';
import { clientMsgId, sendMessage, sendMessages } from '../support/chat';
import { allChanges, changesPage, waitForRev } from '../support/lifecycle';
import { reacted, reactionsWithUsers } from '../support/reactions';
import { useCrowd } from '../support/crowd';

/** `me`: whether the caller is among an emoji's reactors; `false` in WebSocket events. */
describe('reactions: `me` per caller', () => {
  const { everyone, crowd } = useCrowd();

  /** seq 1: Alice 👍, Bob 👍, Dave ❤️; seq 2: Erin 😂; seq 3: nobody. */
  async function reactedRoom(tag: string) {
    const { alice, bob, dave, erin } = everyone();
    const room = await crowd(tag);
    const sent = await sendMessages(room.a1, room.group, 3);
    await reacted(alice, room.group, 1, '👍');
    await reacted(bob, room.group, 1, '👍');
    await reacted(dave, room.group, 1, '❤️');
    await reacted(erin, room.group, 2, '😂');
    return { ...room, sent };
  }

  /** What each user must see: [seq 1's reactions, seq 2's, seq 3's]. */
  function expectedFor(user: TestUser): Message['reactions'][] {
    const { alice, bob, dave, erin } = everyone();
    const is = (u: TestUser) => u.user.id === user.user.id;
    return [
      [
        { emoji: '👍', count: 2, me: is(alice) || is(bob) },
        { emoji: '❤️', count: 1, me: is(dave) },
      ],
      [{ emoji: '😂', count: 1, me: is(erin) }],
      [],
    ];
  }

  it.each(['', '?after=0', '?before=4', '?after=0&limit=3', '?limit=100'])('in the history (GET .../messages%s), for each caller', async (query) => {
    const { alice, bob, dave, erin } = everyone();
    const { group } = await reactedRoom('history');
    for (const user of [alice, bob, dave, erin]) {
      const seen = (await history(user, group, query)).map((m) => m.reactions);
      expect({ user: user.user.displayName, seen }).toEqual({ user: user.user.displayName, seen: expectedFor(user) });
    }
  });

  it('in `changes`, for each caller, paged or not', async () => {
    const { alice, bob, dave, erin } = everyone();
    const { group } = await reactedRoom('changes');
    for (const user of [alice, bob, dave, erin]) {
      const bySeq = (messages: Message[]) => [...messages].sort((x, y) => x.seq - y.seq).map((m) => m.reactions);
      expect({ user: user.user.displayName, seen: bySeq((await changesPage(user, group, '?after=0')).messages) }).toEqual({ user: user.user.displayName, seen: expectedFor(user) });
      expect({ user: user.user.displayName, seen: bySeq((await allChanges(user, group, 0, 1)).messages) }).toEqual({ user: user.user.displayName, seen: expectedFor(user) });
    }
  });

  it('in GET .../messages/:seq/reactions (who reacted), for each caller', async () => {
    const { alice, bob, dave, erin } = everyone();
    const { group } = await reactedRoom('who');
    for (const user of [alice, bob, dave, erin]) {
      const seen = (await reactionsWithUsers(user, group, 1)).map(({ emoji, count, me }) => ({ emoji, count, me }));
      expect({ user: user.user.displayName, seen }).toEqual({ user: user.user.displayName, seen: expectedFor(user)[0] });
    }
  });

  it('is false in WebSocket events: the reactor’s own `message` echo of a repeated send shows the reactions with me false', async () => {
    const { alice } = everyone();
    const { group, a1 } = await crowd('echo');
    const id = clientMsgId('echo');
    const original = await sendMessage(a1, group, 'react to your own', id);
    await reacted(alice, group, 1, '👍');
    await waitForRev(a1, group, 2);
    // A client that never saw its echo sends the same frame again: the stored message comes back, to the sender only.
    a1.send('send', { group, text: 'react to your own', clientMsgId: id });
    const echo = await a1.next('message', (m) => m.clientMsgId === id);
    expect(echo).toEqual({ ...original, rev: 2, reactions: [{ emoji: '👍', count: 1, me: false }] });
    // While REST tells Alice it is hers.
    expect((await history(alice, group))[0].reactions).toEqual([{ emoji: '👍', count: 1, me: true }]);
  });
});
