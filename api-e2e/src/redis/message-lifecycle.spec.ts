import type { Message } from '@chat/protocol';
import { createGroup, joinGroup, TestUser, uniqueGroupName } from '../support/api-client';
import { fullHistory, range, registerUsers, sendMessage, sendMessages, sleep } from '../support/chat';
import { expectStatus } from '../support/expect';
import {
  allChanges,
  changeEvents,
  deleteMessage,
  editEventOf,
  editMessage,
  GroupReplica,
  replicaOf,
  MessageState,
  revAndSeq,
  revsSeen,
  statesOf,
  waitForRev,
} from '../support/lifecycle';
import type { TestSocket } from '../support/ws-client';
import { on, useCluster } from './cluster';

/**
 * Two instances on one PostgreSQL database and one Redis: revisions are one
 * sequence per group whatever instance takes a change, and every connection
 * on either instance sees it whole and in order.
 */
describe('two instances behind Redis: edits, deletes and sends', () => {
  const cluster = useCluster(2, 'lifecycle', { WS_RATE_LIMIT: '0' });
  const A = () => cluster().servers[0];
  const B = () => cluster().servers[1];
  afterEach(() => cluster().closeSockets());

  async function groupOf(owner: TestUser, ...members: TestUser[]): Promise<string> {
    const name = (await createGroup(owner, uniqueGroupName('lifecycle'))).name;
    for (const m of members) await joinGroup(m, name);
    return name;
  }

  /** The state per seq that history (through both instances) and changes after 0 (through both) agree on. */
  async function storedStates(user: TestUser, group: string): Promise<Record<number, MessageState>> {
    const [histA, histB, chA, chB] = await Promise.all([
      fullHistory(on(user, A()), group),
      fullHistory(on(user, B()), group),
      allChanges(on(user, A()), group),
      allChanges(on(user, B()), group),
    ]);
    expect(histB).toEqual(histA);
    expect(chB).toEqual(chA);
    expect([...chA.messages].sort((x, y) => x.seq - y.seq)).toEqual(histA);
    return statesOf(histA);
  }

  it('sends, edits and deletes from both instances at once: every connection on both sees revs 1..N in order, each change once', async () => {
    const [alice, bob, lena] = await registerUsers(A().baseUrl, 3, 'Both');
    const group = await groupOf(alice, bob, lena);
    const c = cluster();
    const sockets = {
      aliceOnA: await c.connect(A(), alice),
      aliceOnB: await c.connect(B(), alice),
      bobOnA: await c.connect(A(), bob),
      bobOnB: await c.connect(B(), bob),
      lenaOnA: await c.connect(A(), lena),
      lenaOnB: await c.connect(B(), lena),
    };
    const everyone = Object.entries(sockets);
    // Seeds: 1..6 Alice's, 7..12 Bob's.
    await sendMessages(sockets.aliceOnA, group, 6, 'alice seed');
    await sendMessages(sockets.bobOnB, group, 6, 'bob seed');

    const ROUNDS = 6;
    const echoes: Message[] = [];
    const edits: Message[] = [];
    let refusedEdits = 0;
    const editFrom = async (user: TestUser, where: 'A' | 'B', seq: number, round: number) => {
      const res = await editMessage(on(user, where === 'A' ? A() : B()), group, seq, `${user.user.displayName} ${seq} from ${where} v${round}`);
      if (res.status === 409) refusedEdits += 1;
      else {
        expectStatus(res, 200);
        edits.push(res.body);
      }
    };
    const deleteFrom = async (user: TestUser, seq: number) => {
      const [onA, onB] = await Promise.all([deleteMessage(on(user, A()), group, seq), deleteMessage(on(user, B()), group, seq)]);
      expectStatus(onA, 204);
      expectStatus(onB, 204);
    };
    const sendsOn = async (socket: TestSocket, tag: string) => {
      for (const k of range(1, ROUNDS)) echoes.push(await sendMessage(socket, group, `${tag} burst ${k}`));
    };

    await Promise.all([
      ...Object.values(sockets)
        .slice(0, 4)
        .map((s, i) => sendsOn(s, `socket ${i}`)),
      // The same messages edited from both instances at once.
      ...(['A', 'B'] as const).map(async (where) => {
        for (const k of range(1, ROUNDS)) for (const seq of [1, 2]) await editFrom(alice, where, seq, k);
      }),
      ...(['A', 'B'] as const).map(async (where) => {
        for (const k of range(1, ROUNDS)) await editFrom(bob, where, 7, k);
      }),
      // A message edited from both instances while it is deleted from both: each edit lands before the delete or is 409.
      ...(['A', 'B'] as const).map(async (where) => {
        for (const k of range(1, ROUNDS)) await editFrom(bob, where, 8, k);
      }),
      (async () => {
        await sleep(30);
        await deleteFrom(bob, 8);
      })(),
      // Deletes, each from both instances at once.
      ...[3, 4, 5, 6].map((seq) => deleteFrom(alice, seq)),
    ]);

    const fromA = await revAndSeq(alice, group);
    expect(await revAndSeq(on(alice, B()), group)).toEqual(fromA);
    const lastSeq = 12 + 4 * ROUNDS;
    // Every change took one revision: the sends, the edits that answered 200, one per deleted message.
    expect(fromA).toEqual({ lastSeq, lastRev: lastSeq + edits.length + 5 });
    expect(edits.length + refusedEdits).toBe(2 * ROUNDS * 4);

    for (const [, s] of everyone) await waitForRev(s, group, fromA.lastRev, 20000);
    const reference = changeEvents(sockets.lenaOnA, group);
    for (const [name, s] of everyone) {
      expect({ connection: name, revs: revsSeen(s, group) }).toEqual({ connection: name, revs: range(1, fromA.lastRev) });
      expect({ connection: name, events: changeEvents(s, group) }).toEqual({ connection: name, events: reference });
    }
    // Nothing arrives twice later through a second path.
    await sleep(400);
    for (const [name, s] of everyone) expect({ connection: name, count: changeEvents(s, group).length }).toEqual({ connection: name, count: fromA.lastRev });

    // Each answer is the event of its rev: the echo of every send, the `edit` of every edit that answered 200.
    const byRev = new Map(reference.map((e) => [e.data.rev, e]));
    for (const m of echoes) expect(byRev.get(m.rev)).toEqual({ event: 'message', data: m });
    for (const m of edits) expect(byRev.get(m.rev)).toEqual({ event: 'edit', data: editEventOf(m) });
    const deletes = reference.filter((e) => e.event === 'delete');
    expect(deletes.map((e) => e.data.seq).sort((x, y) => x - y)).toEqual([3, 4, 5, 6, 8]);
    const deleteOf8 = deletes.find((e) => e.data.seq === 8)?.data.rev ?? 0;
    for (const m of edits.filter((e) => e.seq === 8)) expect(m.rev).toBeLessThan(deleteOf8);

    // The copy every connection built is what both instances store, and the last edit by rev won.
    const stored = await storedStates(bob, group);
    for (const [name, s] of everyone) expect({ connection: name, states: replicaOf(s, group).states() }).toEqual({ connection: name, states: stored });
    for (const seq of [1, 2, 7]) {
      const last = edits.filter((e) => e.seq === seq).sort((x, y) => y.rev - x.rev)[0];
      expect(stored[seq]).toEqual({ rev: last.rev, text: last.text, deleted: false, editedAt: last.editedAt, mentions: [], reactions: [] });
    }
    expect(stored[8]).toMatchObject({ rev: deleteOf8, deleted: true, text: '', editedAt: null });
  }, 90000);

  it('a socket cut during a burst of edits catches up with `changes` to the state of a socket that never left, and of the history', async () => {
    const [alice, bob, lena] = await registerUsers(A().baseUrl, 3, 'Cut');
    const group = await groupOf(alice, bob, lena);
    const c = cluster();
    const stayOnA = await c.connect(A(), lena);
    const stayOnB = await c.connect(B(), lena);
    const leaver = await c.connect(B(), lena);
    const aliceOnA = await c.connect(A(), alice);
    const bobOnB = await c.connect(B(), bob);
    // 1..10 Alice's, 11..20 Bob's.
    await sendMessages(aliceOnA, group, 10, 'alice');
    await sendMessages(bobOnB, group, 10, 'bob');

    const ROUNDS = 4;
    // Alice edits 1..9 on A, Bob 11..19 on B, a little apart so the burst lasts; 10 and 20 are deleted in the middle.
    const editor = async (user: TestUser, where: () => (typeof c.servers)[number], seqs: number[], deleteAfter: number) => {
      let done = 0;
      for (const k of range(1, ROUNDS)) {
        for (const seq of seqs) {
          expectStatus(await editMessage(on(user, where()), group, seq, `${user.user.displayName} ${seq} v${k}`), 200);
          if (++done === deleteAfter) expectStatus(await deleteMessage(on(user, where()), group, seqs[seqs.length - 1] + 1), 204);
          await sleep(10);
        }
      }
    };
    const burst = Promise.all([editor(alice, A, range(1, 9), 12), editor(bob, B, range(11, 19), 20)]);
    const total = 20 + 2 * 9 * ROUNDS + 2;

    // Cut the leaver (no close handshake) once it has seen part of the burst.
    await waitForRev(leaver, group, 35, 15000);
    leaver.ws.terminate();
    await leaver.waitForClose();
    const copy = new GroupReplica();
    for (const e of changeEvents(leaver, group)) copy.applyEvent(e);
    expect(copy.gaps).toEqual([]);
    const missedFrom = copy.lastRev;

    // Back (on the other instance) while the burst goes on: live events first, then the missed changes.
    await waitForRev(stayOnA, group, missedFrom + 15, 15000);
    const back = await c.connect(A(), lena);
    const caught = await allChanges(on(lena, A()), group, missedFrom, 10);
    copy.applyChanges(caught.messages, caught.lastRev);
    expect(caught.pages).toBeGreaterThan(1);

    await burst;
    const { lastRev } = await revAndSeq(lena, group);
    expect(lastRev).toBe(total);
    // The cut missed changes, and the reconnect came while the burst went on (live events had to fill in after the pages).
    expect(missedFrom).toBeLessThan(caught.lastRev);
    expect(caught.lastRev).toBeLessThan(lastRev);
    for (const s of [stayOnA, stayOnB]) await waitForRev(s, group, lastRev, 15000);
    await waitForRev(back, group, lastRev, 15000);
    // The reconnected socket's live events follow on from the changes it fetched, with no gap.
    const live = revsSeen(back, group);
    expect(live).toEqual(range(live[0], lastRev));
    expect(live[0]).toBeLessThanOrEqual(caught.lastRev + 1);
    for (const e of changeEvents(back, group)) copy.applyEvent(e);
    expect(copy.gaps).toEqual([]);
    expect(copy.lastRev).toBe(lastRev);

    for (const s of [stayOnA, stayOnB]) expect(revsSeen(s, group)).toEqual(range(1, lastRev));
    const stored = await storedStates(lena, group);
    expect(copy.states()).toEqual(stored);
    expect(replicaOf(stayOnA, group).states()).toEqual(stored);
    expect(replicaOf(stayOnB, group).states()).toEqual(stored);
    expect(stored[10]).toMatchObject({ deleted: true, text: '' });
    for (const seq of range(1, 9)) expect(stored[seq]).toMatchObject({ text: `${alice.user.displayName} ${seq} v${ROUNDS}`, deleted: false });
  }, 90000);
});
