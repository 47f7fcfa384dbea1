import { ApiClient, history } from '../support/api-client';
import { clientMsgId, getGroup, leaveGroup, range, sendMessage, sendMessages } from '../support/chat';
import { expectMessageShape, expectNestError } from '../support/expect';
import { ChangeWatch, deleted, deleteMessage, edited, markRead, revAndSeq, tombstoneOf, waitForRev } from '../support/lifecycle';
import { useLifecycle } from './fixture';

describe('delete: DELETE /api/groups/:name/messages/:seq', () => {
  const { server, people, room } = useLifecycle();

  it('the sender deletes: 204; `delete {group, seq, rev}` reaches every connection of every member; the history keeps a tombstone', async () => {
    const { alice, bob } = people();
    const { group, a1, a2, b, c, members } = await room('delete');
    const id = clientMsgId('doomed');
    const doomed = await sendMessage(a1, group, 'regrettable', id);
    const kept = await sendMessage(a1, group, 'fine');
    await Promise.all([a2.take('message', 2), b.take('message', 2)]);

    const watch = new ChangeWatch(members);
    const outsider = new ChangeWatch([c]);
    await deleted(alice, group, 1);
    const event = await b.next('delete');
    expect(Object.keys(event).sort()).toEqual(['group', 'rev', 'seq']);
    expect(event).toEqual({ group, seq: 1, rev: 3 });
    await watch.expectExactly([{ event: 'delete', data: event }]);
    await outsider.expectNone(0);

    // Everything but the content stays; rev is the delete's, and seq stays gapless.
    const stored = await history(bob, group);
    for (const m of stored) expectMessageShape(m);
    expect(stored).toEqual([tombstoneOf(doomed, 3), kept]);
    expect(stored[0]).toMatchObject({ id: doomed.id, seq: 1, sender: doomed.sender, createdAt: doomed.createdAt, clientMsgId: id, deleted: true, text: '' });
    expect(await revAndSeq(alice, group)).toEqual({ lastRev: 3, lastSeq: 2 });
  });

  it('an edited message loses its editedAt; the tombstone is the same for every reader', async () => {
    const { alice, bob } = people();
    const { group, a1, b } = await room('edited');
    const original = await sendMessage(a1, group, 'v1');
    await edited(alice, group, 1, 'v2');
    await deleted(alice, group, 1);
    expect(await b.take('delete', 1)).toEqual([{ group, seq: 1, rev: 3 }]);
    const expected = tombstoneOf(original, 3);
    expect(await history(alice, group)).toEqual([expected]);
    expect(await history(bob, group)).toEqual([expected]);
  });

  it('deleting a deleted message is 204 too: one revision, one event', async () => {
    const { alice } = people();
    const { group, a1, a2, b, members } = await room('twice');
    const original = await sendMessage(a1, group, 'once');
    await Promise.all([a2.next('message'), b.next('message')]);
    const watch = new ChangeWatch(members);
    await deleted(alice, group, 1);
    await deleted(alice, group, 1);
    await watch.expectExactly([{ event: 'delete', data: { group, seq: 1, rev: 2 } }]);
    await deleted(alice, group, 1);
    await watch.expectExactly([{ event: 'delete', data: { group, seq: 1, rev: 2 } }]);
    expect(await history(alice, group)).toEqual([tombstoneOf(original, 2)]);
    expect(await revAndSeq(alice, group)).toEqual({ lastRev: 2, lastSeq: 1 });
    // No revision was taken by the repeats.
    expect((await sendMessage(a1, group, 'next')).rev).toBe(3);
  });

  it('five deletes of one message at once: all 204, one revision, one event', async () => {
    const { alice } = people();
    const { group, a1, members } = await room('race');
    const original = await sendMessage(a1, group, 'raced');
    await waitForRev(members[2], group, 1);
    const watch = new ChangeWatch(members, group);
    const answers = await Promise.all(range(1, 5).map(() => deleteMessage(alice, group, 1)));
    expect(answers.map((res) => res.status)).toEqual([204, 204, 204, 204, 204]);
    await watch.expectExactly([{ event: 'delete', data: { group, seq: 1, rev: 2 } }]);
    expect(await history(alice, group)).toEqual([tombstoneOf(original, 2)]);
    expect(await revAndSeq(alice, group)).toEqual({ lastRev: 2, lastSeq: 1 });
  });

  it('a former member hears no more edits or deletes', async () => {
    const { alice, bob } = people();
    const { group, a1, b } = await room('gone');
    await sendMessages(a1, group, 2);
    await waitForRev(b, group, 2);
    await leaveGroup(bob, group);
    await a1.next('member', (m) => !m.joined);
    const watch = new ChangeWatch([b], group);
    await edited(alice, group, 1, 'said after Bob left');
    await deleted(alice, group, 2);
    await watch.expectNone();
  });

  it('a repeat `send` of a deleted message’s clientMsgId echoes the tombstone to the sending connection only and stores nothing', async () => {
    const { alice } = people();
    const { group, a1, a2, b, c } = await room('resend');
    const id = clientMsgId('resend');
    const original = await sendMessage(a1, group, 'sent, then deleted', id);
    await Promise.all([a2.next('message'), b.next('message')]);
    await deleted(alice, group, 1);
    await Promise.all([a1.next('delete'), a2.next('delete'), b.next('delete')]);
    const tombstone = tombstoneOf(original, 2);

    const others = new ChangeWatch([a1, b, c]);
    // A retry from the other tab (a client resending what it never saw acknowledged).
    a2.send('send', { group, text: 'sent, then deleted', clientMsgId: id });
    const echo = await a2.next('message');
    expectMessageShape(echo);
    expect(echo).toEqual(tombstone);
    await others.expectNone();
    expect(await a2.drain('message', 0)).toEqual([]);

    expect(await history(alice, group)).toEqual([tombstone]);
    expect(await revAndSeq(alice, group)).toEqual({ lastRev: 2, lastSeq: 1 });
  });

  it('a deleted reply loses its replyTo', async () => {
    const { alice } = people();
    const { group, a1, b } = await room('reply');
    const question = await sendMessage(a1, group, 'question?');
    const answer = await sendMessage(a1, group, 'answer', clientMsgId('answer'), { replyTo: 1 });
    expect(answer.replyTo).toEqual({ seq: 1, sender: question.sender, excerpt: 'question?', deleted: false });
    await deleted(alice, group, 2);
    await b.next('delete');
    expect(await history(alice, group)).toEqual([question, tombstoneOf(answer, 3)]);
  });

  it.each(['0', '-1', '1.5', 'abc', '1.0', '1e0', '+1', '0x1', '%201'])('400 for the seq %p', async (seq) => {
    const { alice } = people();
    const { group, a1 } = await room('badseq');
    const original = await sendMessage(a1, group, 'target');
    expectNestError(await deleteMessage(alice, group, seq), 400);
    expect(await history(alice, group)).toEqual([original]);
  });

  it('401 without a valid token', async () => {
    const { alice } = people();
    const { group, a1 } = await room('anon');
    const original = await sendMessage(a1, group, 'target');
    for (const api of [new ApiClient(server().baseUrl), new ApiClient(server().baseUrl, 'garbage')]) {
      expectNestError(await api.delete(`/api/groups/${encodeURIComponent(group)}/messages/1`), 401);
    }
    expect(await history(alice, group)).toEqual([original]);
  });

  it('403 for a member who is not the sender (deleted or not), for a non-member, and for the sender after leaving', async () => {
    const { alice, bob, carol } = people();
    const { group, a1, b } = await room('forbidden');
    const original = await sendMessage(a1, group, 'alice wrote this');
    const bobs = await sendMessage(b, group, 'bob wrote this');
    await sendMessage(a1, group, 'alice deleted this');
    await deleted(alice, group, 3);
    await a1.next('message', (m) => m.seq === 2);
    const tombstone = (await history(alice, group))[2];
    const watch = new ChangeWatch([a1]);

    expectNestError(await deleteMessage(bob, group, 1), 403);
    expectNestError(await deleteMessage(bob, group, 3), 403);
    expectNestError(await deleteMessage(carol, group, 1), 403);
    await leaveGroup(bob, group);
    expectNestError(await deleteMessage(bob, group, 2), 403);

    await watch.expectNone(200);
    expect(await history(alice, group)).toEqual([original, bobs, tombstone]);
    expect((await revAndSeq(alice, group)).lastRev).toBe(4);
  });

  it('404 for no such group, and for no such message', async () => {
    const { alice } = people();
    const { group, a1 } = await room('missing');
    await sendMessages(a1, group, 2);
    expectNestError(await deleteMessage(alice, `no such group ${Date.now()}`, 1), 404);
    expectNestError(await deleteMessage(alice, group, 3), 404);
    expectNestError(await deleteMessage(alice, group, 2147483648), 404);
    expect(await revAndSeq(alice, group)).toEqual({ lastRev: 2, lastSeq: 2 });
  });

  it('moves neither seq, lastSeq nor the readers’ markers: the next message takes the next seq', async () => {
    const { alice, bob } = people();
    const { group, a1, b } = await room('markers');
    await sendMessages(a1, group, 3);
    await markRead(b, bob, group, 2);
    await deleted(alice, group, 3);
    await deleted(alice, group, 1);

    expect(await getGroup(bob, group)).toMatchObject({ lastSeq: 3, readSeq: 2, lastRev: 5 });
    expect(await getGroup(alice, group)).toMatchObject({ lastSeq: 3, readSeq: 3, unread: 0, lastRev: 5 });
    const next = await sendMessage(a1, group, 'after the deletes');
    expect([next.seq, next.rev]).toEqual([4, 6]);
    expect((await history(alice, group)).map((m) => [m.seq, m.deleted])).toEqual([
      [1, true],
      [2, false],
      [3, true],
      [4, false],
    ]);
  });
});
