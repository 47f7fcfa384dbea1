import { history, publicUser } from '../support/api-client';
import { sendMessage } from '../support/chat';
import { expectStatus } from '../support/expect';
import { reacted, reactionsWithUsers, unreacted, whoReacted } from '../support/reactions';
import { useCrowd } from '../support/crowd';

/** Beyond the contract: `GET /api/groups/:name/messages/:seq/reactions` → [{emoji, count, me, users}] (refusals: errors.spec). */
describe('reactions: who reacted', () => {
  const { everyone, crowd } = useCrowd();

  it('[] for a message nobody reacted to, and again once every reaction is removed', async () => {
    const { alice, bob } = everyone();
    const { group, a1 } = await crowd('empty');
    await sendMessage(a1, group, 'quiet');
    expect(await reactionsWithUsers(bob, group, 1)).toEqual([]);
    await reacted(bob, group, 1, '👍');
    await unreacted(bob, group, 1, '👍');
    expect(await reactionsWithUsers(alice, group, 1)).toEqual([]);
  });

  it('each emoji with its count, `me` and users {id, displayName} (no email), in the order of the message’s reactions', async () => {
    const { alice, bob, dave, erin } = everyone();
    const { group, a1 } = await crowd('users');
    await sendMessage(a1, group, 'who likes this');
    await reacted(dave, group, 1, '❤️');
    await reacted(bob, group, 1, '👍');
    await reacted(erin, group, 1, '❤️');
    await reacted(alice, group, 1, '👍');
    const res = await whoReacted(bob, group, 1);
    expectStatus(res, 200);
    for (const user of [alice, bob, dave, erin]) expect(res.text).not.toContain(user.user.email);
    expect(res.body).toEqual([
      { emoji: '❤️', count: 2, me: false, users: [publicUser(dave), publicUser(erin)] },
      { emoji: '👍', count: 2, me: true, users: [publicUser(bob), publicUser(alice)] },
    ]);
    const { reactions } = (await history(bob, group))[0];
    expect(res.body.map(({ emoji, count, me }) => ({ emoji, count, me }))).toEqual(reactions);
  });
});
