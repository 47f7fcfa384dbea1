import type { Dm, Message } from '@chat/protocol';
import type { ApiResponse, TestUser } from '../support/api-client';
import { createGroup, history, publicUser, uniqueGroupName } from '../support/api-client';
import { clientMsgId, getGroup, sendMessage } from '../support/chat';
import { dmNames, expectDmCounts, framesAbout, ghostDmName, groupPath, listDms, opened, useDms, withoutName } from '../support/dms';
import { expectNestError, expectWsError } from '../support/expect';
import { ChangeWatch, changesPath, deleted, edited, expectNoMoreChanges, markRead, messagePath, messagesPath, watchAfter } from '../support/lifecycle';
import { reacted, reactionPath } from '../support/reactions';

/** "To anyone but its two members a dm does not exist": 404 everywhere, no live events; its members cannot join or leave it. */
describe('direct messages: privacy', () => {
  const { sockets, people, friends } = useDms();

  /** Alice and Bob's dm with one message of Alice's that Bob reacted to (revs 1, 2); Carol shares a group with both. */
  async function dmWithOutsider(prefix: string): Promise<{ alice: TestUser; bob: TestUser; carol: TestUser; group: string; dm: Dm; first: Message }> {
    const { users, group } = await friends(3, prefix);
    const [alice, bob, carol] = users;
    const dm = await opened(alice, bob, 201);
    const a = await sockets.connect(alice);
    const first = await sendMessage(a, dm.name, 'between the two of us');
    await reacted(bob, dm.name, 1, '👍');
    return { alice, bob, carol, group, dm, first };
  }

  /** Every route a dm answers to, as one user calls it with a name. */
  const ROUTES: Array<[string, (user: TestUser, name: string) => Promise<ApiResponse>]> = [
    ['GET /api/groups/:name', (u, n) => u.api.get(groupPath(n))],
    ['POST /api/groups/:name/members (join)', (u, n) => u.api.post(`${groupPath(n)}/members`)],
    ['DELETE /api/groups/:name/members/me (leave)', (u, n) => u.api.delete(`${groupPath(n)}/members/me`)],
    ['GET /api/groups/:name/messages', (u, n) => u.api.get(messagesPath(n))],
    ['GET /api/groups/:name/messages?after=0&limit=10', (u, n) => u.api.get(`${messagesPath(n)}?after=0&limit=10`)],
    ['GET /api/groups/:name/changes?after=0', (u, n) => u.api.get(changesPath(n, '?after=0'))],
    ['PATCH /api/groups/:name/messages/1', (u, n) => u.api.patch(messagePath(n, 1), { text: 'rewritten by an outsider' })],
    ['DELETE /api/groups/:name/messages/1', (u, n) => u.api.delete(messagePath(n, 1))],
    ['PUT .../messages/1/reactions/👍', (u, n) => u.api.put(reactionPath(n, 1, '👍'))],
    ['DELETE .../messages/1/reactions/👍', (u, n) => u.api.delete(reactionPath(n, 1, '👍'))],
    ['GET .../messages/1/reactions', (u, n) => u.api.get(`${messagePath(n, 1)}/reactions`)],
  ];

  describe('REST: 404 on every route, the very answer for a name no group has', () => {
    let setup: Awaited<ReturnType<typeof dmWithOutsider>> & { stranger: TestUser };
    beforeAll(async () => {
      const [stranger] = await people(1, 'Stranger');
      setup = { ...(await dmWithOutsider('Rest')), stranger };
    });

    it.each(ROUTES)('%s, for someone sharing a group with both and for a stranger', async (_label, call) => {
      const { alice, bob, carol, dm, first, stranger } = setup;
      for (const outsider of [carol, stranger]) {
        const ghost = ghostDmName();
        const [real, none] = [await call(outsider, dm.name), await call(outsider, ghost)];
        expectNestError(real, 404);
        expect({ status: real.status, body: withoutName(real.body, dm.name) }).toEqual({ status: none.status, body: withoutName(none.body, ghost) });
        expect(real.text).not.toContain(alice.user.id);
        expect(real.text).not.toContain(bob.user.id);
      }
      // Nothing changed for the two: still two members, the message and the reaction as they were.
      expect(await getGroup(alice, dm.name)).toMatchObject({ memberCount: 2, lastSeq: 1, lastRev: 2 });
      expect(await history(bob, dm.name)).toEqual([{ ...first, rev: 2, reactions: [{ emoji: '👍', count: 1, me: true }] }]);
      expect(await listDms(carol)).toEqual([]);
    });
  });

  it('a dm’s name is not a group’s: an outsider’s join does not make them a member (404, and still 404 after)', async () => {
    const { alice, carol, dm } = await dmWithOutsider('NoJoin');
    expectNestError(await carol.api.post(`${groupPath(dm.name)}/members`), 404);
    expectNestError(await carol.api.get(groupPath(dm.name)), 404);
    expectNestError(await carol.api.get(messagesPath(dm.name)), 404);
    expect((await getGroup(alice, dm.name)).memberCount).toBe(2);
    expect((await getGroup(alice, dm.name)).members?.map((m) => m.id)).not.toContain(carol.user.id);
  });

  describe('WebSocket: an outsider’s send, typing and read get `error not_found`, like a name no group has, and change nothing', () => {
    it('send (with its clientMsgId), typing, read', async () => {
      const { alice, bob, carol, dm } = await dmWithOutsider('Ws');
      const [a, b, c] = await Promise.all([sockets.connect(alice), sockets.connect(bob), sockets.connect(carol)]);
      const watch = new ChangeWatch([a, b], dm.name);
      const ghost = ghostDmName();
      const frames = (name: string, id: string) => [
        ['send', { group: name, text: 'let me in', clientMsgId: id }],
        ['send', { group: name, text: 'a reply', clientMsgId: `${id}-r`, replyTo: 1 }],
        ['typing', { group: name }],
        ['read', { group: name, seq: 1 }],
      ] as const;
      const id = clientMsgId('outsider');
      for (const [event, data] of frames(dm.name, id)) {
        c.send(event, data);
        const error = await c.next('error');
        expectWsError(error, 'not_found', 'clientMsgId' in data ? data.clientMsgId : undefined);
        c.send(event, { ...data, group: ghost });
        expect(withoutName(error, dm.name)).toEqual(withoutName(await c.next('error'), ghost));
      }
      // Nothing reached the members: the next change they see is Alice's next message, and the next typing Bob sees is hers.
      await expectNoMoreChanges(watch, a, dm.name, 2);
      a.send('typing', { group: dm.name });
      expect(await b.next('typing')).toEqual({ group: dm.name, user: publicUser(alice) });
      expect(b.history.filter((f) => f.event === 'typing' && JSON.stringify(f.data).includes(carol.user.id))).toEqual([]);
      expect(await history(alice, dm.name)).toHaveLength(2);
      await expectDmCounts(alice, dm.name, { readSeq: 2, unread: 0 });
      await expectDmCounts(bob, dm.name, { readSeq: 0, unread: 2 });
    });
  });

  it('no live event of the dm reaches a third person’s socket (sharing a group with both, or a stranger): not dm, message, edit, delete, reaction, typing, read; nor ready', async () => {
    const { users, group } = await friends(3, 'Deaf');
    const [alice, bob, carol] = users;
    const [stranger] = await people(1, 'Deaf-stranger');
    const [a, b1, b2, c, s] = await Promise.all([alice, bob, bob, carol, stranger].map((u) => sockets.connect(u)));

    const dm = await opened(alice, bob, 201);
    for (const socket of [a, b1, b2]) await socket.next('dm');
    const first = await sendMessage(a, dm.name, 'one'); // rev 1
    await sendMessage(a, dm.name, 'two'); // rev 2
    await edited(alice, dm.name, 1, 'one, edited'); // rev 3
    await reacted(bob, dm.name, 1, '🎉'); // rev 4
    await deleted(alice, dm.name, 2); // rev 5
    a.send('typing', { group: dm.name });
    await b1.next('typing');
    await b2.next('typing');
    await markRead(b1, bob, dm.name, 1);
    await b2.next('read');
    await opened(bob, alice, 200);
    await watchAfter([a, b1, b2], dm.name, 5);
    expect(first.group).toBe(dm.name);

    // Later changes that do reach the third people, after which nothing of the dm may have come.
    const sentinel = await sendMessage(a, group, 'in the shared group');
    expect(await c.next('message', (m) => m.group === group)).toEqual(sentinel);
    const announced = await createGroup(bob, uniqueGroupName('announce'));
    for (const socket of [c, s]) await socket.next('group', (g) => g.name === announced.name);
    for (const [who, socket] of [['carol', c], ['stranger', s]] as const) expect({ who, frames: framesAbout(socket, dm.name) }).toEqual({ who, frames: [] });
    // Not vacuous: the same check finds every kind of frame on a member's socket.
    const kinds = (socket: typeof b1) => [...new Set(framesAbout(socket, dm.name).map((f) => JSON.parse(f).event as string))].sort();
    expect(kinds(b2)).toEqual(['delete', 'dm', 'edit', 'message', 'reaction', 'read', 'typing']);

    // A new connection of theirs does not list it either.
    for (const user of [carol, stranger]) {
      const again = await sockets.connect(user);
      expect(again.ready.groups).not.toContain(dm.name);
      expect(await dmNames(user)).toEqual([]);
    }
  });

  describe('its two members cannot join or leave it', () => {
    it('join: 403, leave: 403, from either; both stay members and the dm goes on', async () => {
      const { alice, bob, dm } = await dmWithOutsider('Stay');
      const [a, b] = await Promise.all([sockets.connect(alice), sockets.connect(bob)]);
      for (const user of [alice, bob]) {
        expectNestError(await user.api.post(`${groupPath(dm.name)}/members`), 403);
        expectNestError(await user.api.delete(`${groupPath(dm.name)}/members/me`), 403);
      }
      for (const user of [alice, bob]) {
        expect(await dmNames(user)).toEqual([dm.name]);
        const detail = await getGroup(user, dm.name);
        expect({ memberCount: detail.memberCount, joined: detail.joined, members: detail.members?.map((m) => m.id).sort() }).toEqual({
          memberCount: 2,
          joined: true,
          members: [alice.user.id, bob.user.id].sort(),
        });
      }
      // No `member` event came, and messages still flow both ways.
      const fromBob = await sendMessage(b, dm.name, 'still here');
      expect(await a.next('message', (m) => m.id === fromBob.id)).toEqual(fromBob);
      const fromAlice = await sendMessage(a, dm.name, 'me too');
      expect(await b.next('message', (m) => m.id === fromAlice.id)).toEqual(fromAlice);
      for (const socket of [a, b]) expect(socket.history.filter((f) => f.event === 'member')).toEqual([]);
    });
  });
});
