import type { Message } from '@chat/protocol';
import { createGroup, joinGroup, publicUser, TestUser, uniqueGroupName } from '../support/api-client';
import { fullHistory, range, registerUsers, sendMessage, sleep } from '../support/chat';
import { dmNames, expectDmShape, framesAbout, groupPath, listDms, membersOf2, openDm, opened } from '../support/dms';
import { expectNestError, expectStatus, expectWsError } from '../support/expect';
import { allChanges, changeEvents, editMessage, replicaOf, revAndSeq, revsSeen, statesOf, waitForRev } from '../support/lifecycle';
import { react } from '../support/reactions';
import { on, useCluster } from './cluster';

/**
 * Two instances on one PostgreSQL database and one Redis, the two people of
 * a dm on different instances: the `dm` event, the dm's live events and its
 * privacy are those of a single server.
 */
describe('two instances behind Redis: direct messages', () => {
  const cluster = useCluster(2, 'dms', { WS_RATE_LIMIT: '0' });
  const A = () => cluster().servers[0];
  const B = () => cluster().servers[1];
  afterEach(() => cluster().closeSockets());

  /** Fresh users (registered on A; tokens work on both) who share one group. */
  async function friends(count: number, prefix: string): Promise<{ users: TestUser[]; group: string }> {
    const users = await registerUsers(A().baseUrl, count, prefix);
    const group = (await createGroup(users[0], uniqueGroupName(prefix.toLowerCase()))).name;
    for (const u of users.slice(1)) await joinGroup(u, group);
    return { users, group };
  }

  it('opened on A: `dm` reaches the opener’s tabs on A and B and the other’s on B, each once, and both instances serve the same dm', async () => {
    const { users } = await friends(2, 'Event');
    const [alice, bob] = users;
    const c = cluster();
    const aOnA = await c.connect(A(), alice);
    const aOnB = await c.connect(B(), alice);
    const bOnB = await c.connect(B(), bob);

    const dm = await opened(alice, bob, 201); // on A
    for (const s of [aOnA, aOnB]) expect(await s.next('dm')).toEqual(dm);
    const forBob = await bOnB.next('dm');
    expectDmShape(forBob);
    expect(forBob).toEqual((await listDms(on(bob, B())))[0]);
    expect(forBob).toMatchObject({ name: dm.name, members: membersOf2(alice, bob), createdBy: publicUser(alice) });

    // The repeat, on B from Bob's side, is the same dm and announces nothing.
    const res = await openDm(on(bob, B()), alice);
    expectStatus(res, 200);
    expect(res.body.name).toBe(dm.name);
    expect(await dmNames(on(alice, B()))).toEqual([dm.name]);
    expect(await dmNames(on(bob, A()))).toEqual([dm.name]);
    const first = await sendMessage(bOnB, dm.name, 'got it');
    for (const s of [aOnA, aOnB]) expect(await s.next('message')).toEqual(first);
    for (const s of [aOnA, aOnB, bOnB]) expect(s.history.filter((f) => f.event === 'dm')).toHaveLength(1);

    // A socket opened later on either instance lists it in ready.
    for (const server of [A(), B()]) expect((await c.connect(server, bob)).ready.groups).toContain(dm.name);
  });

  it('20 opens at once, 10 from each side on different instances: exactly one 201, one dm, one `dm` event per socket', async () => {
    const { users } = await friends(2, 'Race');
    const [alice, bob] = users;
    const c = cluster();
    const aOnA = await c.connect(A(), alice);
    const bOnB = await c.connect(B(), bob);
    const answers = await Promise.all(range(1, 20).map((i) => (i % 2 === 0 ? openDm(on(alice, A()), bob) : openDm(on(bob, B()), alice))));
    expect(answers.map((res) => res.status).sort()).toEqual([...Array<number>(19).fill(200), 201]);
    const names = new Set(answers.map((res) => res.body.name));
    expect(names.size).toBe(1);
    const [name] = [...names];
    expect(await dmNames(on(alice, B()))).toEqual([name]);
    expect(await dmNames(on(bob, A()))).toEqual([name]);
    const message = await sendMessage(aOnA, name, 'one dm');
    expect(await bOnB.next('message')).toEqual(message);
    for (const s of [aOnA, bOnB]) expect(s.history.filter((f) => f.event === 'dm')).toHaveLength(1);
  });

  it('the two chat from different instances: revs 1..N in order on every connection of both, identical streams, what REST stores; a third person on either instance gets nothing', async () => {
    const { users, group } = await friends(3, 'Chat');
    const [alice, bob, carol] = users;
    const c = cluster();
    const aOnA = await c.connect(A(), alice);
    const aOnB = await c.connect(B(), alice);
    const bOnB = await c.connect(B(), bob);
    const bOnA = await c.connect(A(), bob);
    const cOnA = await c.connect(A(), carol);
    const cOnB = await c.connect(B(), carol);

    const dm = await opened(on(bob, B()), alice, 201);
    for (const s of [aOnA, aOnB, bOnB, bOnA]) expect(await s.next('dm')).toMatchObject({ name: dm.name, members: membersOf2(bob, alice) });
    const name = dm.name;

    // Both send at once from their own instance, then edit, react and type across.
    const ROUNDS = 8;
    const sent: Message[] = [];
    await Promise.all([
      (async () => {
        for (const k of range(1, ROUNDS)) sent.push(await sendMessage(aOnA, name, `alice ${k}`));
      })(),
      (async () => {
        for (const k of range(1, ROUNDS)) sent.push(await sendMessage(bOnB, name, `bob ${k}`));
      })(),
    ]);
    expect(sent.map((m) => m.seq).sort((x, y) => x - y)).toEqual(range(1, 2 * ROUNDS));
    const aliceFirst = sent.find((m) => m.text === 'alice 1') as Message;
    expectStatus(await editMessage(on(alice, B()), name, aliceFirst.seq, 'alice 1, edited on B'), 200);
    expectStatus(await react(on(bob, A()), name, aliceFirst.seq, '👍'), 204);
    aOnB.send('typing', { group: name });
    for (const s of [bOnA, bOnB]) expect(await s.next('typing')).toEqual({ group: name, user: publicUser(alice) });
    const lastRev = 2 * ROUNDS + 2;
    expect(await revAndSeq(on(alice, B()), name)).toEqual({ lastRev, lastSeq: 2 * ROUNDS });

    const both = [aOnA, aOnB, bOnB, bOnA];
    for (const s of both) await waitForRev(s, name, lastRev);
    const reference = changeEvents(aOnA, name);
    for (const [i, s] of both.entries()) {
      expect({ connection: i, revs: revsSeen(s, name) }).toEqual({ connection: i, revs: range(1, lastRev) });
      expect({ connection: i, events: changeEvents(s, name) }).toEqual({ connection: i, events: reference });
    }
    const [histA, histB, changes] = await Promise.all([fullHistory(on(alice, A()), name), fullHistory(on(alice, B()), name), allChanges(on(bob, A()), name)]);
    expect(histB).toEqual(histA);
    expect(changes.lastRev).toBe(lastRev);
    for (const s of both) expect(replicaOf(s, name).states()).toEqual(statesOf(histA));

    // Nothing of the dm reached Carol on either instance: later events that do reach her come, and nothing before them named it.
    const sentinel = await sendMessage(aOnB, group, 'in the shared group');
    for (const s of [cOnA, cOnB]) expect(await s.next('message', (m) => m.group === group)).toEqual(sentinel);
    await sleep(100);
    for (const [where, s] of [['A', cOnA], ['B', cOnB]] as const) expect({ where, frames: framesAbout(s, name) }).toEqual({ where, frames: [] });
    // Not vacuous: the same check finds the dm's frames on a member's socket.
    expect(framesAbout(bOnA, name).length).toBeGreaterThan(lastRev);

    // And to her, on both instances, it does not exist.
    for (const server of [A(), B()]) {
      expectNestError(await on(carol, server).api.get(groupPath(name)), 404);
      expectNestError(await on(carol, server).api.get(`${groupPath(name)}/messages`), 404);
      expect(await dmNames(on(carol, server))).toEqual([]);
    }
    cOnB.send('send', { group: name, text: 'let me in', clientMsgId: 'carol-1' });
    expectWsError(await cOnB.next('error'), 'not_found', 'carol-1');
  });
});
