import { history } from '../support/api-client';
import { sendMessage } from '../support/chat';
import { expectNestError } from '../support/expect';
import { ChangeWatch, expectNoMoreChanges, revAndSeq, waitForRev } from '../support/lifecycle';
import { MANY_EMOJI, react, reacted, reactionEventOf, unreacted } from '../support/reactions';
import { useCrowd } from '../support/crowd';

const TWENTY = MANY_EMOJI.slice(0, 20);
const [TWENTY_FIRST, TWENTY_SECOND] = MANY_EMOJI.slice(20);

/** A message holds at most 20 distinct emoji: a 21st is `409`. */
describe('reactions: at most 20 distinct emoji per message', () => {
  const { people, room } = useCrowd({ WS_RATE_LIMIT: '0' });

  /** A message of Alice's with 20 distinct emoji, alternately Alice's and Bob's: revs 2..21. */
  async function full(tag: string) {
    const { alice, bob } = people();
    const r = await room(tag);
    const message = await sendMessage(r.a1, r.group, 'twenty emoji');
    for (const [i, emoji] of TWENTY.entries()) await reacted(i % 2 ? alice : bob, r.group, 1, emoji);
    for (const s of r.members) await waitForRev(s, r.group, 21);
    const before = (await history(alice, r.group))[0];
    expect(before.reactions.map((x) => x.emoji)).toEqual(TWENTY);
    return { ...r, message, before };
  }

  it('the 21st distinct emoji is 409, for anyone; nothing changes: no revision, no event', async () => {
    const { alice, bob } = people();
    const { group, a1, members, before } = await full('cap');
    const watch = new ChangeWatch(members, group);
    expectNestError(await react(bob, group, 1, TWENTY_FIRST), 409);
    expectNestError(await react(alice, group, 1, TWENTY_SECOND), 409);
    expect((await history(alice, group))[0]).toEqual(before);
    expect(await revAndSeq(alice, group)).toEqual({ lastRev: 21, lastSeq: 1 });
    await expectNoMoreChanges(watch, a1, group, 21);
  });

  it('one of the 20 still takes reactions, from another user too; DELETE of an absent 21st is a 204 that changes nothing', async () => {
    const { alice, bob } = people();
    const { group, a1, members, message, before } = await full('existing');
    const watch = new ChangeWatch(members, group);
    // Bob reacted with TWENTY[0] already; Alice adds hers to it, Bob adds his to one of Alice's.
    await reacted(alice, group, 1, TWENTY[0]);
    await reacted(bob, group, 1, TWENTY[1]);
    // Removing an emoji the message does not hold is not over any limit.
    await unreacted(bob, group, 1, TWENTY_FIRST);
    // A repeat of an existing reaction is not a 21st either.
    await reacted(alice, group, 1, TWENTY[1]);
    await expectNoMoreChanges(watch, a1, group, 23, [
      { event: 'reaction', data: reactionEventOf(message, { rev: 22, emoji: TWENTY[0], user: alice, added: true, count: 2 }) },
      { event: 'reaction', data: reactionEventOf(message, { rev: 23, emoji: TWENTY[1], user: bob, added: true, count: 2 }) },
    ]);
    const after = (await history(alice, group))[0];
    expect(after.reactions).toEqual(before.reactions.map((r, i) => (i < 2 ? { ...r, count: 2, me: true } : r)));
  });

  it('once an emoji drops to none there is room again: the new one goes last', async () => {
    const { alice, bob } = people();
    const { group } = await full('room-again');
    // TWENTY[3] is Alice's only: removing it leaves 19.
    await unreacted(alice, group, 1, TWENTY[3]);
    await reacted(bob, group, 1, TWENTY_FIRST);
    expectNestError(await react(bob, group, 1, TWENTY_SECOND), 409);
    const emoji = (await history(alice, group))[0].reactions.map((r) => r.emoji);
    expect(emoji).toEqual([...TWENTY.filter((e) => e !== TWENTY[3]), TWENTY_FIRST]);
    expect((await revAndSeq(alice, group)).lastRev).toBe(23);
  });

  it('the limit is per message: another message of the group takes its own 20', async () => {
    const { alice, bob } = people();
    const { group, a1 } = await full('per-message');
    await sendMessage(a1, group, 'a second message'); // rev 22
    await reacted(bob, group, 2, TWENTY_FIRST);
    expect((await history(alice, group))[1].reactions).toEqual([{ emoji: TWENTY_FIRST, count: 1, me: false }]);
    expectNestError(await react(bob, group, 1, TWENTY_FIRST), 409);
  });
});
