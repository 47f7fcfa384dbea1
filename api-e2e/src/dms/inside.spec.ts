import type { Dm } from '@chat/protocol';
import { history, publicUser, TestUser } from '../support/api-client';
import { clientMsgId, ConnectedSocket, getGroup, sendMessage, sendMessages } from '../support/chat';
import { expectDmCounts, opened, useDms } from '../support/dms';
import { expectMessageShape, expectNestError, expectWsError } from '../support/expect';
import {
  allChanges,
  ChangeWatch,
  changesPage,
  deleted,
  deleteMessage,
  editEventOf,
  edited,
  editMessage,
  expectNoMoreChanges,
  markRead,
  replyToOf,
  revAndSeq,
  tombstoneOf,
  watchAfter,
} from '../support/lifecycle';
import { tokenOf } from '../support/mentions';
import { expectReactionEventShape, react, reacted, reactionEventOf, reactionsWithUsers, unreacted } from '../support/reactions';

/**
 * "Every group route and WebSocket event works with it unchanged": each of
 * them, proven inside a dm of Alice (two tabs) and Bob (two tabs), Carol
 * sharing a group with both and watching.
 */
describe('direct messages: inside a dm', () => {
  const { sockets, friends } = useDms();

  interface Chat {
    alice: TestUser;
    bob: TestUser;
    carol: TestUser;
    group: string;
    dm: Dm;
    name: string;
    a1: ConnectedSocket;
    a2: ConnectedSocket;
    b1: ConnectedSocket;
    b2: ConnectedSocket;
    c: ConnectedSocket;
    /** The four connections of the two. */
    both: ConnectedSocket[];
  }

  async function chat(prefix: string): Promise<Chat> {
    const { users, group } = await friends(3, prefix);
    const [alice, bob, carol] = users;
    const dm = await opened(alice, bob, 201);
    const [a1, a2, b1, b2, c] = await Promise.all([alice, alice, bob, bob, carol].map((u) => sockets.connect(u)));
    return { alice, bob, carol, group, dm, name: dm.name, a1, a2, b1, b2, c, both: [a1, a2, b1, b2] };
  }

  it('send: the echo, then `message` on every connection of both, seq 1 rev 1; history, changes and the dm’s lastSeq/lastRev agree', async () => {
    const { alice, bob, name, a1, b2, c, both } = await chat('Send');
    const watch = new ChangeWatch(both, name);
    const outsider = new ChangeWatch([c], name);
    const message = await sendMessage(a1, name, '  hello Bob  ');
    expectMessageShape(message);
    expect(message).toMatchObject({ group: name, seq: 1, rev: 1, sender: publicUser(alice), text: 'hello Bob', editedAt: null, deleted: false, replyTo: null, mentions: [], reactions: [] });
    const second = await sendMessage(b2, name, 'hello Alice');
    expect(second).toMatchObject({ group: name, seq: 2, rev: 2, sender: publicUser(bob) });
    await watch.expectExactly(
      [
        { event: 'message', data: message },
        { event: 'message', data: second },
      ],
      0,
    );
    await outsider.expectNone(0);

    expect(await history(bob, name)).toEqual([message, second]);
    expect(await history(alice, name, '?after=1')).toEqual([second]);
    expect(await history(alice, name, '?before=2&limit=1')).toEqual([message]);
    const page = await changesPage(bob, name, '?after=0');
    expect(page).toEqual({ messages: [message, second], lastRev: 2, more: false });
    expect(await changesPage(alice, name, '?after=1&limit=1')).toEqual({ messages: [second], lastRev: 2, more: false });
    expect(await revAndSeq(alice, name)).toEqual({ lastRev: 2, lastSeq: 2 });
  });

  it('a repeated clientMsgId stores nothing new and echoes the stored message to the sender only', async () => {
    const { bob, name, a1, a2, b1, b2 } = await chat('Dedup');
    const id = clientMsgId('dm-dup');
    const stored = await sendMessage(a1, name, 'once', id);
    const others = await watchAfter([a2, b1, b2], name, 1);
    const sender = await watchAfter([a1], name, 1);
    const again = await sendMessage(a1, name, 'once', id);
    expect(again).toEqual(stored);
    // The repeat reached only the connection that sent it: the next change the others see is Bob's message.
    const next = await sendMessage(b1, name, 'next');
    expect(next).toMatchObject({ seq: 2, rev: 2 });
    await others.expectExactly([{ event: 'message', data: next }], 0);
    await sender.expectExactly(
      [
        { event: 'message', data: stored },
        { event: 'message', data: next },
      ],
      0,
    );
    expect(await history(bob, name)).toEqual([stored, next]);
  });

  it('edit: the sender’s PATCH is 200 with editedAt and a new rev, `edit` reaches every connection of both; the other one gets 403, bad text 400, the same text no event', async () => {
    const { alice, bob, name, a1, both, c } = await chat('Edit');
    const original = await sendMessage(a1, name, 'frist');
    const watch = await watchAfter(both, name, 1);
    const outsider = new ChangeWatch([c], name);

    expectNestError(await editMessage(bob, name, 1, 'not yours'), 403);
    expectNestError(await editMessage(alice, name, 1, '   '), 400);
    expectNestError(await editMessage(alice, name, 2, 'no such message'), 404);
    const changed = await edited(alice, name, 1, 'first');
    expect(changed).toMatchObject({ ...original, rev: 2, text: 'first', editedAt: expect.any(String) });
    const same = await edited(alice, name, 1, '  first ');
    expect(same).toEqual(changed);
    await expectNoMoreChanges(watch, a1, name, 2, [{ event: 'edit', data: editEventOf(changed) }]);
    await outsider.expectNone(0);
    expect((await history(bob, name))[0]).toEqual(changed);
  });

  it('delete: the sender’s DELETE is 204, `delete` reaches every connection of both, history keeps a tombstone; the other one gets 403', async () => {
    const { alice, bob, name, b1, both } = await chat('Delete');
    const first = await sendMessage(b1, name, 'oops');
    const second = await sendMessage(b1, name, 'fine');
    const watch = await watchAfter(both, name, 2);

    expectNestError(await deleteMessage(alice, name, 1), 403);
    await deleted(bob, name, 1);
    await deleted(bob, name, 1); // again: 204, nothing new
    await expectNoMoreChanges(watch, b1, name, 3, [{ event: 'delete', data: { group: name, seq: 1, rev: 3 } }]);
    const stored = await history(alice, name);
    expect(stored.slice(0, 2)).toEqual([tombstoneOf(first, 3), second]);
    // Deleting an unread message lowers Alice's unread count.
    await expectDmCounts(alice, name, { readSeq: 0, lastSeq: 3, unread: 2 });
  });

  it('reply: replyTo {seq, sender, excerpt, deleted} read at reading time, and the reply mentions the replied-to sender', async () => {
    const { alice, bob, name, a1, b1, b2 } = await chat('Reply');
    const original = await sendMessage(a1, name, 'what time tomorrow?');
    const reply = await sendMessage(b1, name, 'nine', clientMsgId('reply'), { replyTo: 1 });
    expectMessageShape(reply);
    expect(reply).toMatchObject({ seq: 2, replyTo: replyToOf(original), mentions: [alice.user.id] });
    expect(await a1.next('message', (m) => m.seq === 2)).toEqual(reply);
    // Replying to one's own message mentions no one.
    const own = await sendMessage(b2, name, 'or ten', clientMsgId('own'), { replyTo: 2 });
    expect(own).toMatchObject({ replyTo: replyToOf(reply), mentions: [] });

    await edited(alice, name, 1, 'what time on Friday?');
    expect((await history(bob, name))[1].replyTo).toEqual(replyToOf({ ...original, text: 'what time on Friday?' }));
    await deleted(alice, name, 1);
    expect((await history(bob, name))[1].replyTo).toEqual({ seq: 1, sender: publicUser(alice), excerpt: '', deleted: true });

    // A reply to a deleted message, or past the last one, is not_found and stores nothing.
    for (const replyTo of [1, 99]) {
      const id = clientMsgId('bad-reply');
      a1.send('send', { group: name, text: 'to nothing', clientMsgId: id, replyTo });
      expectWsError(await a1.next('error'), 'not_found', id);
    }
    expect((await getGroup(alice, name)).lastSeq).toBe(3);
  });

  it('reactions: PUT and DELETE are 204, `reaction` reaches every connection of both with the count after it, `me` is the caller’s own, GET lists who', async () => {
    const { alice, bob, name, a1, both, c } = await chat('React');
    const message = await sendMessage(a1, name, 'react to me');
    const watch = await watchAfter(both, name, 1);
    const outsider = new ChangeWatch([c], name);

    await reacted(bob, name, 1, '👍'); // rev 2
    await reacted(bob, name, 1, '👍'); // nothing
    await reacted(alice, name, 1, '👍'); // rev 3
    await reacted(alice, name, 1, '❤️'); // rev 4
    await unreacted(bob, name, 1, '👍'); // rev 5
    await unreacted(bob, name, 1, '👍'); // nothing
    const expected = [
      reactionEventOf(message, { rev: 2, emoji: '👍', user: bob, added: true, count: 1 }),
      reactionEventOf(message, { rev: 3, emoji: '👍', user: alice, added: true, count: 2 }),
      reactionEventOf(message, { rev: 4, emoji: '❤️', user: alice, added: true, count: 1 }),
      reactionEventOf(message, { rev: 5, emoji: '👍', user: bob, added: false, count: 1 }),
    ];
    for (const e of expected) expectReactionEventShape(e);
    const changes = expected.map((data) => ({ event: 'reaction' as const, data }));
    await expectNoMoreChanges(watch, a1, name, 5, changes);
    await outsider.expectNone(0);

    expect((await history(alice, name))[0].reactions).toEqual([
      { emoji: '👍', count: 1, me: true },
      { emoji: '❤️', count: 1, me: true },
    ]);
    expect((await history(bob, name))[0].reactions).toEqual([
      { emoji: '👍', count: 1, me: false },
      { emoji: '❤️', count: 1, me: false },
    ]);
    expect((await reactionsWithUsers(bob, name, 1)).map((r) => ({ emoji: r.emoji, users: r.users }))).toEqual([
      { emoji: '👍', users: [publicUser(alice)] },
      { emoji: '❤️', users: [publicUser(alice)] },
    ]);
    expectNestError(await react(bob, name, 1, 'not an emoji'), 400);
    expectNestError(await react(bob, name, 42, '👍'), 404);
    // Reactions never change unread counts.
    await expectDmCounts(bob, name, { readSeq: 0, unread: 2 });
  });

  it('mentions: only the other one can be mentioned; `mentionUnread` counts them, and an edit changes it', async () => {
    const { alice, bob, carol, name, a1 } = await chat('Mention');
    const toBob = await sendMessage(a1, name, `hey ${tokenOf(bob)}`); // 1
    const toSelf = await sendMessage(a1, name, `note to ${tokenOf(alice)}`); // 2
    const toCarol = await sendMessage(a1, name, `ask ${tokenOf(carol)}`); // 3: Carol shares a group with both, not the dm
    const toAll = await sendMessage(a1, name, `${tokenOf(carol)} ${tokenOf(bob)} ${tokenOf(alice)} ${tokenOf(bob)}`); // 4
    expect([toBob, toSelf, toCarol, toAll].map((m) => m.mentions)).toEqual([[bob.user.id], [], [], [bob.user.id]]);
    // Tokens that mention no one stay in the text as they were.
    expect(toCarol.text).toBe(`ask ${tokenOf(carol)}`);
    await expectDmCounts(bob, name, { readSeq: 0, unread: 4, mentionUnread: 2 });
    await expectDmCounts(alice, name, { readSeq: 4, unread: 0, mentionUnread: 0 });

    const edit = await edited(alice, name, 1, 'hey you');
    expect(edit.mentions).toEqual([]);
    await expectDmCounts(bob, name, { unread: 4, mentionUnread: 1 });
    const added = await edited(alice, name, 2, `note to ${tokenOf(bob)}`);
    expect(added.mentions).toEqual([bob.user.id]);
    await expectDmCounts(bob, name, { unread: 4, mentionUnread: 2 });
  });

  it('unread counts and read markers: `read` moves the marker, reaches the reader’s other tabs only, and the counts follow', async () => {
    const { alice, bob, name, a1, a2, b1, b2 } = await chat('Read');
    await sendMessages(a1, name, 3, 'unread');
    await expectDmCounts(bob, name, { readSeq: 0, lastSeq: 3, unread: 3 });
    await expectDmCounts(alice, name, { readSeq: 3, unread: 0 });

    await markRead(b1, bob, name, 2);
    expect(await b2.next('read')).toEqual({ group: name, seq: 2 });
    await expectDmCounts(bob, name, { readSeq: 2, unread: 1 });
    // Past lastSeq counts as lastSeq, from the other tab.
    b2.send('read', { group: name, seq: 99 });
    expect(await b1.next('read')).toEqual({ group: name, seq: 3 });
    // A lower one changes nothing.
    b1.send('read', { group: name, seq: 1 });
    await expectDmCounts(bob, name, { readSeq: 3, unread: 0 });

    // Bob's own send moves his marker; Alice reads it on one tab, the other hears it.
    const fromBob = await sendMessage(b1, name, 'all read');
    await expectDmCounts(bob, name, { readSeq: 4, unread: 0 });
    await expectDmCounts(alice, name, { readSeq: 3, unread: 1 });
    await markRead(a1, alice, name, fromBob.seq);
    expect(await a2.next('read')).toEqual({ group: name, seq: 4 });
    await expectDmCounts(alice, name, { readSeq: 4, unread: 0 });

    // Each tab heard exactly the other tab's moves, and never the other person's.
    const reads = (s: ConnectedSocket) => s.history.filter((f) => f.event === 'read').map((f) => f.data);
    expect(reads(b1)).toEqual([{ group: name, seq: 3 }]);
    expect(reads(b2)).toEqual([{ group: name, seq: 2 }]);
    expect(reads(a1)).toEqual([]);
    expect(reads(a2)).toEqual([{ group: name, seq: 4 }]);
  });

  it('typing reaches the other one’s connections only: not the typist’s other tab, not a third person', async () => {
    const { alice, bob, group, name, a1, a2, b1, b2, c } = await chat('Typing');
    a1.send('typing', { group: name });
    for (const s of [b1, b2]) expect(await s.next('typing')).toEqual({ group: name, user: publicUser(alice) });
    // Later typing that does reach Alice's tabs and Carol: Alice's own came to neither before it.
    b1.send('typing', { group: name });
    for (const s of [a1, a2]) expect(await s.next('typing')).toEqual({ group: name, user: publicUser(bob) });
    a1.send('typing', { group });
    expect(await c.next('typing')).toEqual({ group, user: publicUser(alice) });
    const typings = (s: ConnectedSocket) => s.history.filter((f) => f.event === 'typing').map((f) => f.data);
    expect(typings(a2)).toEqual([{ group: name, user: publicUser(bob) }]);
    expect(typings(c)).toEqual([{ group, user: publicUser(alice) }]);
    // And nothing was stored.
    expect((await getGroup(alice, name)).lastSeq).toBe(0);
  });

  it('changes: catching up by revision works in a dm as in a group', async () => {
    const { alice, bob, name, a1, b1 } = await chat('Changes');
    await sendMessages(a1, name, 3, 'a'); // revs 1-3
    await sendMessage(b1, name, 'b'); // rev 4
    await edited(alice, name, 2, 'a 2 edited'); // rev 5
    await reacted(bob, name, 1, '🎉'); // rev 6
    await deleted(bob, name, 4); // rev 7
    const all = await allChanges(bob, name, 0, 2);
    expect(all.lastRev).toBe(7);
    expect(all.messages.map((m) => [m.seq, m.rev])).toEqual([
      [3, 3],
      [2, 5],
      [1, 6],
      [4, 7],
    ]);
    expect(all.pages).toBe(2);
    expect((await changesPage(bob, name, '?after=5')).messages.map((m) => m.seq)).toEqual([1, 4]);
    expectNestError(await bob.api.get(`/api/groups/${encodeURIComponent(name)}/changes`), 400);
  });
});
