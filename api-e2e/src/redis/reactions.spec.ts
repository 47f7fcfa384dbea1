import type { ReactionEvent } from '@chat/protocol';
import { createGroup, joinGroup, TestUser, uniqueGroupName } from '../support/api-client';
import { fullHistory, range, registerUsers, sendMessage, sleep } from '../support/chat';
import { expectStatus } from '../support/expect';
import { allChanges, changeEvents, countsOf, editMessage, replicaOf, revAndSeq, revsSeen, statesOf, waitForRev } from '../support/lifecycle';
import { expectReactionEventShape, react, unreact } from '../support/reactions';
import type { RunningServer } from '../support/server';
import { on, useCluster } from './cluster';

/**
 * Two instances on one PostgreSQL database and one Redis: reactions taken on
 * either instance share the group's one sequence of revisions with sends and
 * edits, and every connection on both sees each of them once, in rev order,
 * with counts that end where REST ends.
 */
describe('two instances behind Redis: reactions', () => {
  const cluster = useCluster(2, 'reactions', { WS_RATE_LIMIT: '0' });
  const A = () => cluster().servers[0];
  const B = () => cluster().servers[1];
  afterEach(() => cluster().closeSockets());

  it('reactions, sends and edits by several users on both instances at once: every connection sees revs 1..N in order and ends with REST’s counts', async () => {
    const users = await registerUsers(A().baseUrl, 4, 'Both');
    const [alice, bob, lena] = users;
    const group = (await createGroup(alice, uniqueGroupName('reactions'))).name;
    for (const u of users.slice(1)) await joinGroup(u, group);
    const c = cluster();
    const sockets: Array<[string, Awaited<ReturnType<typeof c.connect>>]> = [];
    for (const u of users) for (const [where, server] of [['A', A()], ['B', B()]] as const) sockets.push([`${u.user.displayName} on ${where}`, await c.connect(server, u)]);
    const socketOf = (user: TestUser, where: 'A' | 'B') => sockets[users.indexOf(user) * 2 + (where === 'A' ? 0 : 1)][1];

    // Seeds: 1..3 Alice's, 4 Lena's (revs 1..4).
    for (const k of range(1, 3)) await sendMessage(socketOf(alice, 'A'), group, `alice seed ${k}`);
    await sendMessage(socketOf(lena, 'B'), group, 'lena seed');

    // Each user works on both instances at once, each instance on emoji of its own, so that each
    // user's calls on one (message, emoji) come one after the other: PUT, DELETE, PUT, ... every
    // call a change. Even users make three passes (ending with a reaction), odd ones two (none).
    const EMOJI = { A: ['👍', '❤️', '😂'], B: ['🎉', '🔥', '👀'] } as const;
    const passes = (u: number) => (u % 2 === 0 ? 3 : 2);
    let reactionCalls = 0;
    const toggler = async (user: TestUser, u: number, where: 'A' | 'B', server: RunningServer) => {
      for (const pass of range(1, passes(u))) {
        for (const seq of [1, 2]) {
          for (const emoji of EMOJI[where]) {
            const call = pass % 2 === 1 ? react : unreact;
            expectStatus(await call(on(user, server), group, seq, emoji), 204);
            reactionCalls += 1;
          }
        }
      }
    };
    // The same reaction PUT from both instances at once, three times: one change per user.
    const racer = async (user: TestUser) => {
      const answers = await Promise.all(range(1, 3).flatMap(() => [react(on(user, A()), group, 3, '🙌'), react(on(user, B()), group, 3, '🙌')]));
      for (const res of answers) expectStatus(res, 204);
    };
    const SENDS = 4;
    const sender = async (socket: Awaited<ReturnType<typeof c.connect>>, tag: string) => {
      for (const k of range(1, SENDS)) await sendMessage(socket, group, `${tag} ${k}`);
    };
    const EDITS = 3;
    const editor = async (user: TestUser, server: RunningServer, seq: number) => {
      for (const k of range(1, EDITS)) {
        expectStatus(await editMessage(on(user, server), group, seq, `${user.user.displayName} ${seq} v${k}`), 200);
        await sleep(5);
      }
    };

    await Promise.all([
      ...users.flatMap((user, u) => [toggler(user, u, 'A', A()), toggler(user, u, 'B', B())]),
      ...users.map(racer),
      sender(socketOf(alice, 'A'), 'alice burst'),
      sender(socketOf(bob, 'B'), 'bob burst'),
      editor(alice, B(), 1),
      editor(lena, A(), 4),
    ]);

    const fromA = await revAndSeq(alice, group);
    expect(await revAndSeq(on(alice, B()), group)).toEqual(fromA);
    expect(reactionCalls).toBe(users.reduce((n, _u, i) => n + 2 * 2 * 3 * passes(i), 0));
    const lastSeq = 4 + 2 * SENDS;
    expect(fromA).toEqual({ lastSeq, lastRev: 4 + reactionCalls + users.length + 2 * SENDS + 2 * EDITS });

    for (const [, s] of sockets) await waitForRev(s, group, fromA.lastRev, 20000);
    const reference = changeEvents(sockets[0][1], group);
    for (const [name, s] of sockets) {
      expect({ connection: name, revs: revsSeen(s, group) }).toEqual({ connection: name, revs: range(1, fromA.lastRev) });
      expect({ connection: name, events: changeEvents(s, group) }).toEqual({ connection: name, events: reference });
    }
    const reactions = reference.filter((e) => e.event === 'reaction').map((e) => e.data as ReactionEvent);
    expect(reactions.length).toBe(reactionCalls + users.length);
    for (const e of reactions) expectReactionEventShape(e);
    // Nothing arrives twice later through a second path.
    await sleep(300);
    for (const [name, s] of sockets) expect({ connection: name, count: changeEvents(s, group).length }).toEqual({ connection: name, count: fromA.lastRev });

    // What both instances store, through history and changes, is what every connection built from its events.
    const [histA, histB, changesB] = await Promise.all([fullHistory(on(bob, A()), group), fullHistory(on(bob, B()), group), allChanges(on(bob, B()), group)]);
    expect(histB).toEqual(histA);
    expect([...changesB.messages].sort((x, y) => x.seq - y.seq)).toEqual(histA);
    const stored = statesOf(histA);
    for (const [name, s] of sockets) expect({ connection: name, states: replicaOf(s, group).states() }).toEqual({ connection: name, states: stored });

    // And the counts are those the calls add up to: the even users' reactions on 1 and 2, everyone's 🙌 on 3.
    const sortedCounts = (seq: number) => [...countsOf(histA[seq - 1].reactions)].sort((x, y) => x.emoji.localeCompare(y.emoji));
    const expected = [...EMOJI.A, ...EMOJI.B].map((emoji) => ({ emoji, count: 2 })).sort((x, y) => x.emoji.localeCompare(y.emoji));
    expect(sortedCounts(1)).toEqual(expected);
    expect(sortedCounts(2)).toEqual(expected);
    expect(countsOf(histA[2].reactions)).toEqual([{ emoji: '🙌', count: users.length }]);
    expect(histA[0].text).toBe(`${alice.user.displayName} 1 v${EDITS}`);
  }, 90000);
});
