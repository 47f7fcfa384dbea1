import type { Group, GroupDetail, Message } from '@chat/protocol';
import { joinGroup, TestUser, uniqueGroupName } from '../support/api-client';
import { clientMsgId, fullHistory, getGroup, leaveGroup, listGroups, range, sendMessage, sendMessages } from '../support/chat';
import { expectGroupShape, expectStatus } from '../support/expect';
import { changeEvents, ChangeWatch, deleteMessage, editMessage, replicaOf, revAndSeq, revsSeen, statesOf, waitForRev } from '../support/lifecycle';
import { useLifecycle } from './fixture';

describe('revisions: rev on messages and live events, lastRev on groups', () => {
  const { people, room, sockets } = useLifecycle({ WS_RATE_LIMIT: '0' });

  /** Every view of a group a user can get: list entry, detail, and (for a non-member) what a join would answer is checked apart. */
  async function lastRevSeenBy(user: TestUser, group: string): Promise<{ list: number | undefined; detail: number }> {
    const list = (await listGroups(user)).find((g) => g.name === group);
    const detail = await getGroup(user, group);
    if (list) expectGroupShape(list);
    expectGroupShape(detail, { detail: true });
    return { list: list?.lastRev, detail: detail.lastRev };
  }

  it('lastRev is 0 for a new group, in the create answer, the `group` event, the list, the detail and the join answer', async () => {
    const { alice, bob } = people();
    const b = await sockets.connect(bob);
    const created = await alice.api.post<Group>('/api/groups', { name: uniqueGroupName('rev0') });
    expectStatus(created, 201);
    expectGroupShape(created.body);
    expect(created.body.lastRev).toBe(0);
    const announced = await b.next('group', (g) => g.name === created.body.name);
    expect(announced.lastRev).toBe(0);
    const group = created.body.name;
    expect(await lastRevSeenBy(alice, group)).toEqual({ list: 0, detail: 0 });
    expect(await lastRevSeenBy(bob, group)).toEqual({ list: 0, detail: 0 });
    const joined = await joinGroup(bob, group);
    expectGroupShape(joined);
    expect(joined.lastRev).toBe(0);
  });

  it('lastRev follows every change, for members and non-members alike, in the list, the detail and the join answer', async () => {
    const { alice, bob, carol } = people();
    const { group, a1 } = await room('lastrev');
    const expectLastRev = async (rev: number) => {
      for (const user of [alice, bob, carol]) expect({ user: user.user.displayName, ...(await lastRevSeenBy(user, group)) }).toEqual({ user: user.user.displayName, list: rev, detail: rev });
    };
    await sendMessages(a1, group, 2);
    await expectLastRev(2);
    expectStatus(await editMessage(alice, group, 1, 'edited'), 200);
    await expectLastRev(3);
    expectStatus(await deleteMessage(alice, group, 2), 204);
    await expectLastRev(4);
    // Changes that change nothing take none.
    expectStatus(await editMessage(alice, group, 1, 'edited'), 200);
    expectStatus(await deleteMessage(alice, group, 2), 204);
    await expectLastRev(4);
    const joined: GroupDetail = await joinGroup(carol, group);
    expect(joined).toMatchObject({ lastRev: 4, lastSeq: 2 });
    await leaveGroup(carol, group);
  });

  it('message, edit and delete take revs 1..N: every member connection receives them in rev order with no gap, and the same', async () => {
    const { alice, bob } = people();
    const { group, a1, a2, b, c, members } = await room('gapless');
    const outsider = new ChangeWatch([c], group);
    const steps: Array<() => Promise<unknown>> = [
      () => sendMessage(a1, group, 'one'), // 1
      () => sendMessage(b, group, 'two'), // 2
      () => editMessage(alice, group, 1, 'one, edited'), // 3
      () => editMessage(alice, group, 1, ' one, edited '), // none: same text
      () => sendMessage(a2, group, 'three', clientMsgId('r'), { replyTo: 2 }), // 4
      () => deleteMessage(bob, group, 2), // 5
      () => deleteMessage(bob, group, 2), // none: already deleted
      () => editMessage(bob, group, 2, 'too late'), // none: 409
      () => editMessage(bob, group, 1, 'not his'), // none: 403
      () => editMessage(alice, group, 3, ''), // none: 400
      () => sendMessage(b, group, 'four'), // 6
      () => editMessage(alice, group, 3, 'three, edited'), // 7
      () => deleteMessage(alice, group, 1), // 8
    ];
    for (const step of steps) await step();
    b.send('send', { group, text: 'answers a tombstone', clientMsgId: clientMsgId('dead'), replyTo: 1 }); // none: not_found
    await b.next('error');
    expect(await revAndSeq(alice, group)).toEqual({ lastRev: 8, lastSeq: 4 });

    for (const s of members) await waitForRev(s, group, 8);
    const reference = changeEvents(a1, group);
    expect(reference.map((e) => [e.event, e.data.rev])).toEqual([
      ['message', 1],
      ['message', 2],
      ['edit', 3],
      ['message', 4],
      ['delete', 5],
      ['message', 6],
      ['edit', 7],
      ['delete', 8],
    ]);
    for (const s of members) expect(changeEvents(s, group)).toEqual(reference);
    await outsider.expectNone(0);

    // A copy built from the live events alone is the history.
    const stored = await fullHistory(alice, group);
    expect(stored.map((m) => m.rev)).toEqual([8, 5, 7, 6]);
    for (const s of members) expect(replicaOf(s, group).states()).toEqual(statesOf(stored));
  });

  it('revs count per group: two groups changed in turn each number 1, 2, 3', async () => {
    const { alice } = people();
    const [first, second] = [await room('per-group-1'), await room('per-group-2')];
    const a = first.a1;
    const m1 = await sendMessage(a, first.group, 'first 1');
    const m2 = await sendMessage(a, second.group, 'second 1');
    const e1 = await editMessage(alice, first.group, 1, 'first 1, edited');
    const m3 = await sendMessage(a, second.group, 'second 2');
    const m4 = await sendMessage(a, first.group, 'first 2');
    expect([m1.rev, m2.rev, e1.body.rev, m3.rev, m4.rev]).toEqual([1, 1, 2, 2, 3]);
    expect((await revAndSeq(alice, first.group)).lastRev).toBe(3);
    expect((await revAndSeq(alice, second.group)).lastRev).toBe(2);
  });

  it('sends, edits and deletes from three connections at once: every connection gets revs 1..N in order, and its copy is the history', async () => {
    const { alice, bob } = people();
    const { group, a1, a2, b, members } = await room('burst');
    // Messages to edit and delete: 1..6 Alice's, 7..12 Bob's.
    await sendMessages(a1, group, 6, 'alice seed');
    await sendMessages(b, group, 6, 'bob seed');

    const ROUNDS = 8;
    const results: Message[] = [];
    const work = [
      // Sends on every connection.
      ...members.map(async (s, i) => {
        for (const k of range(1, ROUNDS)) results.push(await sendMessage(s, group, `burst ${i}.${k}`));
      }),
      // Alice edits her first three messages over and over, Bob his.
      (async () => {
        for (const k of range(1, ROUNDS)) for (const seq of [1, 2, 3]) expectStatus(await editMessage(alice, group, seq, `alice ${seq} v${k}`), 200);
      })(),
      (async () => {
        for (const k of range(1, ROUNDS)) for (const seq of [7, 8, 9]) expectStatus(await editMessage(bob, group, seq, `bob ${seq} v${k}`), 200);
      })(),
      // And both delete three others, each twice.
      ...[alice, bob].map(async (user, i) => {
        for (const seq of [4, 5, 6].map((s) => s + 6 * i)) {
          expectStatus(await deleteMessage(user, group, seq), 204);
          expectStatus(await deleteMessage(user, group, seq), 204);
        }
      }),
    ];
    await Promise.all(work);
    const expectedRevs = 12 + members.length * ROUNDS + 2 * 3 * ROUNDS + 2 * 3;
    const { lastRev, lastSeq } = await revAndSeq(alice, group);
    expect({ lastRev, lastSeq }).toEqual({ lastRev: expectedRevs, lastSeq: 12 + members.length * ROUNDS });

    for (const s of members) await waitForRev(s, group, lastRev, 15000);
    const reference = changeEvents(a1, group);
    expect(reference.map((e) => e.data.rev)).toEqual(range(1, lastRev));
    for (const s of [a2, b]) expect(revsSeen(s, group)).toEqual(range(1, lastRev));
    for (const s of [a2, b]) expect(changeEvents(s, group)).toEqual(reference);
    expect(reference.filter((e) => e.event === 'delete').map((e) => e.data.seq).sort((x, y) => x - y)).toEqual([4, 5, 6, 10, 11, 12]);

    const stored = await fullHistory(bob, group);
    for (const s of members) expect(replicaOf(s, group).states()).toEqual(statesOf(stored));
    // The last edit of each message (by rev) is its text.
    for (const seq of [1, 2, 3]) expect(stored[seq - 1]).toMatchObject({ text: `alice ${seq} v${ROUNDS}`, deleted: false });
    for (const seq of [7, 8, 9]) expect(stored[seq - 1]).toMatchObject({ text: `bob ${seq} v${ROUNDS}`, deleted: false });
    expect(results.length).toBe(members.length * ROUNDS);
  }, 30000);
});
