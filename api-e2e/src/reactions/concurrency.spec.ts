import type { AuthResponse, ReactionEvent } from '@chat/protocol';
import { ApiClient, history, joinGroup, TestUser } from '../support/api-client';
import { range, sendMessage } from '../support/chat';
import { expectStatus } from '../support/expect';
import { changeEvents, expectNoMoreChanges, replicaOf, revAndSeq, statesOf, waitForRev, watchAfter } from '../support/lifecycle';
import { MANY_EMOJI, react, reactionEventOf, unreact } from '../support/reactions';
import { useCrowd } from '../support/crowd';

/** Concurrent identical calls must neither double-count nor fail (the bug Zulip and Expensify both shipped). */
describe('reactions at once', () => {
  const { server, people, everyone, room, crowd } = useCrowd({ WS_RATE_LIMIT: '0' });

  /** A second session of the same user, as a second tab that logged in on its own would hold. */
  async function secondTab(user: TestUser): Promise<TestUser> {
    const res = await new ApiClient(server().baseUrl).post<AuthResponse>('/api/auth/login', { email: user.user.email, password: user.password });
    expectStatus(res, 200);
    return { ...user, token: res.body.token, api: new ApiClient(server().baseUrl, res.body.token) };
  }

  it('20 identical PUTs by one user at once, from two tabs: all 204, count 1, exactly one revision and one event', async () => {
    const { alice, bob } = people();
    const { group, a1, members } = await room('twenty-puts');
    const message = await sendMessage(a1, group, 'click, click, click');
    const tabs = [bob, await secondTab(bob)];
    const watch = await watchAfter(members, group, 1);

    const answers = await Promise.all(range(1, 20).map((i) => react(tabs[i % 2], group, 1, '👍')));
    expect(answers.map((res) => res.status)).toEqual(range(1, 20).map(() => 204));
    expect(await revAndSeq(alice, group)).toEqual({ lastRev: 2, lastSeq: 1 });
    expect((await history(bob, group))[0]).toEqual({ ...message, rev: 2, reactions: [{ emoji: '👍', count: 1, me: true }] });
    const event = reactionEventOf(message, { rev: 2, emoji: '👍', user: bob, added: true, count: 1 });
    await expectNoMoreChanges(watch, a1, group, 2, [{ event: 'reaction', data: event }]);
  });

  it('20 identical DELETEs at once: all 204, count 0, exactly one revision and one event', async () => {
    const { alice, bob } = people();
    const { group, a1, members } = await room('twenty-deletes');
    const message = await sendMessage(a1, group, 'unclick');
    expectStatus(await react(bob, group, 1, '❤️'), 204);
    const tabs = [bob, await secondTab(bob)];
    const watch = await watchAfter(members, group, 2);

    const answers = await Promise.all(range(1, 20).map((i) => unreact(tabs[i % 2], group, 1, '❤️')));
    expect(answers.map((res) => res.status)).toEqual(range(1, 20).map(() => 204));
    expect(await revAndSeq(alice, group)).toEqual({ lastRev: 3, lastSeq: 1 });
    expect((await history(bob, group))[0]).toEqual({ ...message, rev: 3, reactions: [] });
    const event = reactionEventOf(message, { rev: 3, emoji: '❤️', user: bob, added: false, count: 0 });
    await expectNoMoreChanges(watch, a1, group, 3, [{ event: 'reaction', data: event }]);
  });

  it('five users, each PUTting the same emoji four times at once: count 5, five revisions, the events count 1..5 in rev order', async () => {
    const { alice, bob, carol, dave, erin } = everyone();
    const { group, a1, members } = await crowd('five');
    await joinGroup(carol, group);
    const message = await sendMessage(a1, group, 'everyone agrees');
    const users = [alice, bob, carol, dave, erin];
    const watch = await watchAfter(members, group, 1);

    const answers = await Promise.all(users.flatMap((user) => range(1, 4).map(() => react(user, group, 1, '🙌'))));
    expect(answers.map((res) => res.status)).toEqual(range(1, 20).map(() => 204));
    expect(await revAndSeq(alice, group)).toEqual({ lastRev: 6, lastSeq: 1 });
    await waitForRev(members[0], group, 6);
    // One event per reactor, whichever order they were taken in, each counting one more.
    const seen = watch.seen()[0] as Array<{ event: 'reaction'; data: ReactionEvent }>;
    expect(seen.map((e) => e.data.user.id).sort()).toEqual(users.map((u) => u.user.id).sort());
    const byId = new Map(users.map((u) => [u.user.id, u]));
    const expected = seen.map((e, i) => ({
      event: 'reaction' as const,
      data: reactionEventOf(message, { rev: 2 + i, emoji: '🙌', user: byId.get(e.data.user.id) as TestUser, added: true, count: i + 1 }),
    }));
    await expectNoMoreChanges(watch, a1, group, 6, expected);
    expect((await history(alice, group))[0].reactions).toEqual([{ emoji: '🙌', count: 5, me: true }]);
  });

  it('25 distinct emoji PUT at once: exactly 20 are taken (204), 5 are 409, and the message holds exactly the 20', async () => {
    const { alice, bob } = people();
    const { group, a1, members } = await room('cap-race');
    await sendMessage(a1, group, 'a crowded message');
    await waitForRev(members[2], group, 1);
    const answers = await Promise.all(MANY_EMOJI.map((emoji, i) => react(i % 2 ? alice : bob, group, 1, emoji)));
    const taken = MANY_EMOJI.filter((_, i) => answers[i].status === 204);
    expect(answers.map((res) => res.status).sort()).toEqual([...range(1, 20).map(() => 204), ...range(1, 5).map(() => 409)]);
    const stored = (await history(alice, group))[0];
    expect(stored.reactions.map((r) => r.emoji).sort()).toEqual([...taken].sort());
    expect(stored.reactions.every((r) => r.count === 1)).toBe(true);
    expect(await revAndSeq(alice, group)).toEqual({ lastRev: 21, lastSeq: 1 });
    // Every connection saw the 20 in rev order, and its copy is what the history holds.
    for (const s of members) await waitForRev(s, group, 21);
    const reference = changeEvents(members[0], group);
    expect(reference.map((e) => e.data.rev)).toEqual(range(1, 21));
    for (const s of members) expect(changeEvents(s, group)).toEqual(reference);
    for (const s of members) expect(replicaOf(s, group).states()).toEqual(statesOf([stored]));
  });

  it('PUTs and DELETEs by several users on several emoji at once: every connection’s copy ends with the counts and order of the history', async () => {
    const { alice, bob, dave, erin } = everyone();
    const { group, a1, members } = await crowd('mixed');
    await sendMessage(a1, group, 'one');
    await sendMessage(a1, group, 'two');
    await waitForRev(members[members.length - 1], group, 2);
    const users = [alice, bob, dave, erin];
    const emoji = ['👍', '❤️', '😂', '🎉'];
    // Each user toggles each emoji on both messages in turn: PUT, DELETE, PUT; all users at once.
    await Promise.all(
      users.map(async (user, u) => {
        for (const step of range(1, 3)) {
          for (const [i, e] of emoji.entries()) {
            const seq = 1 + ((u + i) % 2);
            expectStatus(await (step === 2 ? unreact : react)(user, group, seq, e), 204);
          }
        }
      }),
    );
    const total = 2 + users.length * emoji.length * 3;
    expect(await revAndSeq(alice, group)).toEqual({ lastRev: total, lastSeq: 2 });
    for (const s of members) await waitForRev(s, group, total);
    const stored = await history(bob, group);
    for (const m of stored) expect(m.reactions.map((r) => r.count)).toEqual(m.reactions.map(() => 2));
    expect(stored.map((m) => m.reactions.length)).toEqual([4, 4]);
    for (const s of members) expect(replicaOf(s, group).states()).toEqual(statesOf(stored));
  });
});
