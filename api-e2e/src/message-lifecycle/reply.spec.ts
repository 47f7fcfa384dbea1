import type { Message } from '@chat/protocol';
import { createGroup, history, publicUser, uniqueGroupName } from '../support/api-client';
import { clientMsgId, ConnectedSocket, expectUsable, sendMessage, sendMessages } from '../support/chat';
import { expectMessageShape, expectWsError } from '../support/expect';
import { allChanges, ChangeWatch, deleted, edited, revAndSeq, waitForRev } from '../support/lifecycle';
import { useLifecycle } from './fixture';

/** The first 100 code points, counted independently of the server and of the protocol library. */
const first100 = (text: string) => Array.from(text).slice(0, 100).join('');

describe('reply: `send` with `replyTo`', () => {
  const { people, room } = useLifecycle();

  const reply = (socket: ConnectedSocket, group: string, replyTo: number, text = 'a reply', id = clientMsgId('reply')) =>
    sendMessage(socket, group, text, id, { replyTo });

  it('carries {seq, sender, excerpt, deleted} of the message it answers, the same on every connection and in the history', async () => {
    const { alice, bob } = people();
    const { group, a1, a2, b } = await room('reply');
    const question = await sendMessage(a1, group, 'Lunch at noon?');
    await Promise.all([a2.next('message'), b.next('message')]);

    const id = clientMsgId('answer');
    const answer = await reply(a1, group, 1, 'Yes, see you there', id);
    expectMessageShape(answer);
    expect(answer).toEqual({
      id: expect.any(String),
      group,
      seq: 2,
      rev: 2,
      sender: publicUser(alice),
      text: 'Yes, see you there',
      createdAt: expect.any(String),
      clientMsgId: id,
      editedAt: null,
      deleted: false,
      replyTo: { seq: 1, sender: publicUser(alice), excerpt: 'Lunch at noon?', deleted: false },
      mentions: [],
      reactions: [],
    });
    for (const s of [a2, b]) expect(await s.next('message')).toEqual(answer);
    expect(await history(bob, group)).toEqual([question, answer]);

    // A repeat of its clientMsgId echoes the stored reply.
    a1.send('send', { group, text: 'Yes, see you there', clientMsgId: id, replyTo: 1 });
    expect(await a1.next('message')).toEqual(answer);

    // A reply by someone else names the original's sender (as anyone sees them: no email).
    const fromBob = await reply(b, group, 2, 'me too');
    expect(fromBob.replyTo).toEqual({ seq: 2, sender: publicUser(alice), excerpt: 'Yes, see you there', deleted: false });
    expect(fromBob.sender).toEqual(publicUser(bob));
  });

  it('a reply to a reply quotes its direct parent only', async () => {
    const { group, a1 } = await room('thread');
    await sendMessage(a1, group, 'root');
    await reply(a1, group, 1, 'child');
    const grandchild = await reply(a1, group, 2, 'grandchild');
    expect(grandchild.replyTo).toEqual({ seq: 2, sender: publicUser(people().alice), excerpt: 'child', deleted: false });
  });

  it.each([
    ['a short text: whole', 'short and sweet'],
    ['exactly 100 code points: whole', 'x'.repeat(100)],
    ['150 ASCII characters: the first 100', 'abcdefghij'.repeat(15)],
    ['150 astral characters: 100 of them (200 UTF-16 units)', '😀'.repeat(150)],
    ['one ASCII then astral characters: never half a surrogate pair', `a${'𝒜'.repeat(120)}`],
    ['mixed scripts and newlines', `日本語のテキスト\nwith ${'é'.repeat(50)} and ${'🇫🇷'.repeat(30)}`],
  ])('excerpt of %s', async (_label, text) => {
    const { group, a1 } = await room('excerpt');
    await sendMessage(a1, group, text);
    const answer = await reply(a1, group, 1);
    expect(answer.replyTo?.excerpt).toBe(first100(text));
    expect(Array.from(answer.replyTo?.excerpt ?? '').length).toBe(Math.min(100, Array.from(text).length));
    expect((await history(people().alice, group))[1].replyTo?.excerpt).toBe(first100(text));
  });

  it('the excerpt is read when the reply is read: it follows edits and the delete of the original, in history and changes', async () => {
    const { alice, bob } = people();
    const { group, a1, b } = await room('follow');
    const original = await sendMessage(a1, group, 'first words');
    const answer = await reply(b, group, 1, 'an answer');
    expect(answer.replyTo).toMatchObject({ excerpt: 'first words', deleted: false });

    const longer = `changed ${'word '.repeat(40)}end`;
    await edited(alice, group, 1, longer);
    const quoted = (messages: Message[]) => messages.find((m) => m.seq === 2)?.replyTo;
    const expectedAfterEdit = { seq: 1, sender: publicUser(alice), excerpt: first100(longer), deleted: false };
    expect(quoted(await history(bob, group))).toEqual(expectedAfterEdit);
    expect(quoted((await allChanges(bob, group)).messages)).toEqual(expectedAfterEdit);
    // The reply itself did not change: same rev, and it is not edited.
    expect((await history(bob, group))[1]).toMatchObject({ rev: answer.rev, editedAt: null, text: 'an answer' });
    // A reply sent now quotes the current text at once.
    expect((await reply(a1, group, 1, 'later reply')).replyTo).toEqual(expectedAfterEdit);

    await deleted(alice, group, 1);
    const expectedAfterDelete = { seq: 1, sender: publicUser(alice), excerpt: '', deleted: true };
    const stored = await history(bob, group);
    expect(quoted(stored)).toEqual(expectedAfterDelete);
    expect(stored[2].replyTo).toEqual(expectedAfterDelete);
    expect(quoted((await allChanges(alice, group)).messages)).toEqual(expectedAfterDelete);
    expect(stored[1]).toMatchObject({ rev: answer.rev, deleted: false, text: 'an answer' });
    expect(stored[0]).toMatchObject({ id: original.id, deleted: true });
  });

  describe('`error not_found` with the clientMsgId, and nothing stored, for a replyTo that is not a live message of the group', () => {
    type Target = (room: { group: string; socket: ConnectedSocket }) => Promise<number>;
    const inAnotherGroup: Target = async ({ socket }) => {
      const other = (await createGroup(people().alice, uniqueGroupName('other'))).name;
      await sendMessages(socket, other, 5, 'elsewhere');
      return 5;
    };
    const deletedOne: Target = async ({ group }) => {
      await deleted(people().alice, group, 2);
      return 2;
    };
    it.each<[string, Target]>([
      ['0', async () => 0],
      ['-1', async () => -1],
      ['lastSeq + 1', async () => 3],
      ['a deleted message', deletedOne],
      ['a seq that exists only in another group', inAnotherGroup],
    ])('%s', async (_label, target) => {
      const { alice } = people();
      const { group, a1, a2, b } = await room('notfound');
      await sendMessages(a1, group, 2);
      const replyTo = await target({ group, socket: a1 });
      const before = await revAndSeq(alice, group);
      const watch = new ChangeWatch([a2, b], group);
      const id = clientMsgId('orphan');
      a1.send('send', { group, text: 'answering nothing', clientMsgId: id, replyTo });
      expectWsError(await a1.next('error'), 'not_found', id);
      await watch.expectNone();
      expect((await a1.drain('message', 0)).filter((m) => m.group === group && m.clientMsgId === id)).toEqual([]);
      expect(await revAndSeq(alice, group)).toEqual(before);
      expect((await history(alice, group)).map((m) => m.clientMsgId)).not.toContain(id);

      // Nothing was kept under that clientMsgId: sent again without replyTo, it is a new message.
      const fresh = await sendMessage(a1, group, 'a plain message', id);
      expect(fresh).toMatchObject({ seq: before.lastSeq + 1, rev: before.lastRev + 1, replyTo: null, text: 'a plain message' });
    });
  });

  it('a repeat of a stored reply whose original was deleted since echoes the stored reply (the clientMsgId wins), to the sender only', async () => {
    const { alice } = people();
    const { group, a1, a2, b } = await room('retry');
    await sendMessage(a1, group, 'original');
    const id = clientMsgId('retry');
    const answer = await reply(b, group, 1, 'an answer', id);
    await deleted(alice, group, 1);
    await waitForRev(a2, group, 3);
    const others = new ChangeWatch([a1, a2], group);
    // A client that never saw its echo sends the very same frame again.
    b.send('send', { group, text: 'an answer', clientMsgId: id, replyTo: 1 });
    const echo = await b.next('message', (m) => m.clientMsgId === id);
    expect(echo).toEqual({ ...answer, replyTo: { ...answer.replyTo, excerpt: '', deleted: true } });
    expect(await b.drain('error', 0)).toEqual([]);
    await others.expectNone();
    expect(await revAndSeq(alice, group)).toEqual({ lastRev: 3, lastSeq: 2 });
  });

  it('a replyTo that is not a number is `bad_request`; nothing is stored and the socket still works', async () => {
    const { group, a1, b } = await room('badreply');
    await sendMessage(a1, group, 'something');
    await b.next('message');
    const watch = new ChangeWatch([b]);
    const id = clientMsgId('bad-reply');
    a1.send('send', { group, text: 'answering a string', clientMsgId: id, replyTo: 'one' });
    expectWsError(await a1.next('error'), 'bad_request', id);
    await watch.expectNone();
    expect(await revAndSeq(people().alice, group)).toEqual({ lastRev: 1, lastSeq: 1 });
    expect((await expectUsable(a1, group)).seq).toBe(2);
  });
});
