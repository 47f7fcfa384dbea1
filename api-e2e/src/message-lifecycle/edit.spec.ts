import type { Message } from '@chat/protocol';
import { ApiClient, history, publicUser } from '../support/api-client';
import { clientMsgId, getGroup, leaveGroup, range, sendMessage, sendMessages } from '../support/chat';
import { expectMessageShape, expectNestError } from '../support/expect';
import { ChangeWatch, deleted, edited, editEventOf, editMessage, expectEditedWithin, messagePath, revAndSeq, waitForRev } from '../support/lifecycle';
import { useLifecycle } from './fixture';

const EMOJI = '😀';

describe('edit: PATCH /api/groups/:name/messages/:seq', () => {
  const { server, people, room } = useLifecycle();

  it('the sender changes the text: 200 with editedAt and a new rev; `edit` reaches every connection of every member, exactly', async () => {
    const { alice } = people();
    const { group, a1, a2, b, c, members } = await room('edit');
    const original = await sendMessage(a1, group, 'first version', clientMsgId('edit'));
    expect(original).toMatchObject({ seq: 1, rev: 1, editedAt: null, deleted: false, replyTo: null, mentions: [], reactions: [] });
    for (const s of [a2, b]) expect(await s.next('message')).toEqual(original);

    const watch = new ChangeWatch(members);
    const outsider = new ChangeWatch([c]);
    const startedAt = Date.now();
    const res = await editMessage(alice, group, 1, 'second version');
    const endedAt = Date.now();
    expect(res.status).toBe(200);
    expectMessageShape(res.body);
    // Only text, editedAt and rev change.
    expect(res.body).toEqual({ ...original, text: 'second version', rev: 2, editedAt: expect.any(String) });
    expectEditedWithin(res.body, startedAt, endedAt);

    const event = editEventOf(res.body);
    const seen = await b.next('edit');
    expect(Object.keys(seen).sort()).toEqual(['editedAt', 'group', 'mentions', 'rev', 'seq', 'text']);
    expect(seen).toEqual(event);
    // Exactly one on each member connection (Alice's own tabs included), nothing for Carol.
    await watch.expectExactly([{ event: 'edit', data: event }]);
    await outsider.expectNone(0);

    expect(await history(alice, group)).toEqual([res.body]);
    expect(await revAndSeq(alice, group)).toEqual({ lastRev: 2, lastSeq: 1 });
  });

  it('a later edit takes the next rev and a later editedAt; the history holds the last text', async () => {
    const { alice, bob } = people();
    const { group, a1, b } = await room('reedit');
    await sendMessages(a1, group, 2);
    const first = await edited(alice, group, 1, 'edit one');
    const second = await edited(alice, group, 1, 'edit two');
    expect([first.rev, second.rev]).toEqual([3, 4]);
    expect(Date.parse(second.editedAt as string)).toBeGreaterThanOrEqual(Date.parse(first.editedAt as string));
    expect(await b.take('edit', 2)).toEqual([editEventOf(first), editEventOf(second)]);
    const stored = await history(bob, group);
    expect(stored.map((m) => [m.seq, m.rev, m.text])).toEqual([
      [1, 4, 'edit two'],
      [2, 2, 'msg 2'],
    ]);
    expect(stored[0]).toEqual(second);
  });

  it('trims the text, and keeps inner whitespace and any Unicode as it is', async () => {
    const { alice } = people();
    const { group, a1, b } = await room('trim');
    await sendMessage(a1, group, 'before');
    const text = 'line one\n  line two\t— ünïcødé 日本語 😀 <b>&amp;</b>';
    const message = await edited(alice, group, 1, `  \n\t${text} \n `);
    expect(message.text).toBe(text);
    expect((await b.next('edit')).text).toBe(text);
    expect((await history(alice, group))[0].text).toBe(text);
  });

  it.each([
    ['4000 ASCII characters', 'a'.repeat(4000)],
    ['4000 astral code points (8000 UTF-16 units)', EMOJI.repeat(4000)],
    ['a single character', 'x'],
  ])('accepts a text of %s', async (_label, text) => {
    const { alice } = people();
    const { group, a1 } = await room('long');
    await sendMessage(a1, group, 'short');
    expect((await edited(alice, group, 1, text)).text).toBe(text);
    expect((await history(alice, group))[0].text).toBe(text);
  });

  describe('editing to the same text (after trimming) changes nothing: 200, no revision, no event', () => {
    it('on a message never edited: editedAt stays null', async () => {
      const { alice } = people();
      const { group, a1, a2, b, members } = await room('noop');
      const original = await sendMessage(a1, group, 'unchanged');
      await Promise.all([a2.next('message'), b.next('message')]);
      const watch = new ChangeWatch(members);
      for (const text of ['unchanged', '  unchanged \n']) {
        const res = await editMessage(alice, group, 1, text);
        expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: original });
      }
      await watch.expectNone();
      expect(await history(alice, group)).toEqual([original]);
      expect(await revAndSeq(alice, group)).toEqual({ lastRev: 1, lastSeq: 1 });
      // No revision was taken: the next change is rev 2.
      expect((await sendMessage(a1, group, 'next')).rev).toBe(2);
    });

    it('on an edited message: editedAt and rev stay those of the real edit', async () => {
      const { alice } = people();
      const { group, a1, b, members } = await room('noop2');
      await sendMessage(a1, group, 'one');
      const real = await edited(alice, group, 1, 'two');
      await b.next('edit');
      const watch = new ChangeWatch(members);
      const res = await editMessage(alice, group, 1, ' two ');
      expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: real });
      await watch.expectNone();
      expect(await revAndSeq(alice, group)).toEqual({ lastRev: 2, lastSeq: 1 });
      expect((await edited(alice, group, 1, 'three')).rev).toBe(3);
    });
  });

  it('the same new text sent five times at once is one edit: one revision, one event', async () => {
    const { alice } = people();
    const { group, a1, members } = await room('race');
    await sendMessage(a1, group, 'before the race');
    await waitForRev(members[2], group, 1);
    const watch = new ChangeWatch(members, group);
    const answers = await Promise.all(range(1, 5).map(() => editMessage(alice, group, 1, 'after the race')));
    for (const res of answers) expect(res.status).toBe(200);
    const current = (await history(alice, group))[0];
    expect(current).toMatchObject({ rev: 2, text: 'after the race' });
    // Every answer is the one stored message.
    for (const res of answers) expect(res.body).toEqual(current);
    await watch.expectExactly([{ event: 'edit', data: editEventOf(current) }]);
    expect(await revAndSeq(alice, group)).toEqual({ lastRev: 2, lastSeq: 1 });
  });

  it('the group name in the path is URL-encoded and case-insensitive', async () => {
    const { alice } = people();
    const { group, a1 } = await room('Ünïcode Case');
    await sendMessage(a1, group, 'before');
    const message = await edited(alice, group.toUpperCase(), 1, 'after');
    expect(message.group).toBe(group);
    expect((await history(alice, group))[0]).toEqual(message);
  });

  describe('400 invalid text: nothing changes', () => {
    it.each([
      ['an empty text', { text: '' }],
      ['a whitespace-only text', { text: ' \n\t ' }],
      ['4001 ASCII characters', { text: 'a'.repeat(4001) }],
      ['4001 astral code points', { text: EMOJI.repeat(4001) }],
      ['a numeric text', { text: 42 }],
      ['a null text', { text: null }],
      ['a missing text', {}],
      ['an unknown field', { text: 'fine', pinned: true }],
    ])('%s', async (_label, body) => {
      const { alice } = people();
      const { group, a1, b } = await room('badtext');
      const original = await sendMessage(a1, group, 'keep me');
      await b.next('message');
      const watch = new ChangeWatch([a1, b]);
      expectNestError(await alice.api.patch(messagePath(group, 1), body), 400);
      await watch.expectNone(200);
      expect(await history(alice, group)).toEqual([original]);
      expect(await revAndSeq(alice, group)).toEqual({ lastRev: 1, lastSeq: 1 });
    });
  });

  it.each(['0', '-1', '1.5', 'abc', '1.0', '1e0', '+1', '0x1', '%201'])('400 for the seq %p', async (seq) => {
    const { alice } = people();
    const { group, a1 } = await room('badseq');
    await sendMessage(a1, group, 'target');
    expectNestError(await editMessage(alice, group, seq, 'new text'), 400);
    expect(await revAndSeq(alice, group)).toEqual({ lastRev: 1, lastSeq: 1 });
  });

  it('401 without a valid token', async () => {
    const { alice } = people();
    const { group, a1 } = await room('anon');
    await sendMessage(a1, group, 'target');
    for (const api of [new ApiClient(server().baseUrl), new ApiClient(server().baseUrl, 'garbage')]) {
      expectNestError(await api.patch(messagePath(group, 1), { text: 'anonymous' }), 401);
    }
    expect((await history(alice, group))[0].text).toBe('target');
  });

  it('403 for a member who is not the sender, for a non-member, and for the sender after leaving', async () => {
    const { alice, bob, carol } = people();
    const { group, a1, b } = await room('forbidden');
    const original = await sendMessage(a1, group, 'alice wrote this');
    const bobs = await sendMessage(b, group, 'bob wrote this');
    await a1.next('message', (m) => m.seq === 2);
    const watch = new ChangeWatch([a1]);

    expectNestError(await editMessage(bob, group, 1, 'bob rewrites it'), 403);
    expectNestError(await editMessage(carol, group, 1, 'carol rewrites it'), 403);
    await leaveGroup(bob, group);
    expectNestError(await editMessage(bob, group, 2, 'bob, gone, rewrites his own'), 403);

    await watch.expectNone(200);
    expect(await history(alice, group)).toEqual([original, bobs]);
    expect((await revAndSeq(alice, group)).lastRev).toBe(2);
  });

  it('404 for no such group, and for no such message', async () => {
    const { alice } = people();
    const { group, a1 } = await room('missing');
    await sendMessages(a1, group, 2);
    expectNestError(await editMessage(alice, `no such group ${Date.now()}`, 1, 'x'), 404);
    expectNestError(await editMessage(alice, group, 3, 'x'), 404);
    expectNestError(await editMessage(alice, group, 999999, 'x'), 404);
    // A whole number past what a 32-bit column holds is still just a message that does not exist.
    expectNestError(await editMessage(alice, group, 2147483648, 'x'), 404);
    expect(await revAndSeq(alice, group)).toEqual({ lastRev: 2, lastSeq: 2 });
  });

  it('409 for a deleted message, which stays a tombstone', async () => {
    const { alice } = people();
    const { group, a1, b } = await room('conflict');
    await sendMessage(a1, group, 'soon gone');
    await deleted(alice, group, 1);
    await b.next('delete');
    const tombstone = (await history(alice, group))[0];
    const watch = new ChangeWatch([a1, b]);
    expectNestError(await editMessage(alice, group, 1, 'back from the dead'), 409);
    await watch.expectNone(200);
    expect(await history(alice, group)).toEqual([tombstone]);
    expect(await revAndSeq(alice, group)).toEqual({ lastRev: 2, lastSeq: 1 });
  });

  it('moves neither seq, lastSeq nor read markers: the next message takes the next seq, unread stays', async () => {
    const { alice, bob } = people();
    const { group, a1 } = await room('markers');
    await sendMessages(a1, group, 3);
    const before = { alice: await getGroup(alice, group), bob: await getGroup(bob, group) };
    expect(before.bob).toMatchObject({ lastSeq: 3, readSeq: 0, unread: 3, lastRev: 3 });
    await edited(alice, group, 1, 'edited one');
    await edited(alice, group, 3, 'edited three');

    const after = { alice: await getGroup(alice, group), bob: await getGroup(bob, group) };
    expect(after.bob).toMatchObject({ lastSeq: 3, readSeq: 0, unread: 3, lastRev: 5 });
    expect(after.alice).toMatchObject({ lastSeq: 3, readSeq: 3, unread: 0, lastRev: 5 });
    const next: Message = await sendMessage(a1, group, 'after the edits');
    expect([next.seq, next.rev]).toEqual([4, 6]);
    expect((await history(alice, group)).map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  });

  it('a member who joins after an edit reads the edited message, from the same sender', async () => {
    const { alice, carol } = people();
    const { group, a1 } = await room('latecomer');
    await sendMessage(a1, group, 'draft');
    const current = await edited(alice, group, 1, 'final');
    const joined = await carol.api.post(`/api/groups/${encodeURIComponent(group)}/members`);
    expect(joined.status).toBe(200);
    expect(await history(carol, group)).toEqual([current]);
    expect(current.sender).toEqual(publicUser(alice));
    await leaveGroup(carol, group);
  });
});
