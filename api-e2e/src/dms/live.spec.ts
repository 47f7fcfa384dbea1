import type { Dm } from '@chat/protocol';
import { publicUser } from '../support/api-client';
import { getGroup, leaveGroup, sendMessage } from '../support/chat';
import { expectDmShape, listDms, membersOf2, opened, useDms } from '../support/dms';
import { editEventOf, edited } from '../support/lifecycle';

/** The `dm` event, `ready`, and the dm's live events on connections of both people. */
describe('direct messages: live', () => {
  const { sockets, friends } = useDms();

  it('`dm` reaches every connection of both people (two tabs each), each with their own view, and no `group` or `member` event comes', async () => {
    const { users } = await friends(2, 'Tabs');
    const [alice, bob] = users;
    const [a1, a2, b1, b2] = await Promise.all([alice, alice, bob, bob].map((u) => sockets.connect(u)));

    const dm = await opened(alice, bob, 201);
    for (const s of [a1, a2]) {
      const event = await s.next('dm');
      expectDmShape(event);
      expect(event).toEqual(dm);
    }
    const bobsView = (await listDms(bob))[0];
    for (const s of [b1, b2]) {
      const event = await s.next('dm');
      expectDmShape(event);
      expect(event).toEqual(bobsView);
      expect(event).toMatchObject({ name: dm.name, kind: 'dm', members: membersOf2(alice, bob), createdBy: publicUser(alice), joined: true, readSeq: 0, unread: 0 });
      expect(JSON.stringify(event)).not.toContain(alice.user.email);
    }
    // A message after it is the next thing each socket gets of the dm; no announcement as a group or a membership came.
    const message = await sendMessage(b2, dm.name, 'hello, both tabs');
    for (const s of [a1, a2, b1]) expect(await s.next('message')).toEqual(message);
    for (const s of [a1, a2, b1, b2]) {
      expect(s.history.filter((f) => f.event === 'group' || f.event === 'member')).toEqual([]);
      expect(s.history.filter((f) => f.event === 'dm').length).toBe(1);
    }
  });

  it('sockets opened before the dm existed get its live events from the first one on, `dm` first', async () => {
    const { users } = await friends(2, 'Before');
    const [alice, bob] = users;
    const [a, b] = await Promise.all([sockets.connect(alice), sockets.connect(bob)]);
    expect(a.ready.groups).toHaveLength(1);

    const dm = await opened(alice, bob, 201);
    // Sent as soon as the answer came, without waiting for any event.
    const first = await sendMessage(a, dm.name, 'are you there?');
    expect(await b.next('message')).toEqual(first);
    const dmAt = b.history.findIndex((f) => f.event === 'dm');
    const messageAt = b.history.findIndex((f) => f.event === 'message');
    expect(dmAt).toBeGreaterThanOrEqual(0);
    expect(dmAt).toBeLessThan(messageAt);

    const reply = await sendMessage(b, dm.name, 'yes');
    expect(await a.next('message')).toEqual(reply);
    b.send('typing', { group: dm.name });
    expect(await a.next('typing')).toEqual({ group: dm.name, user: publicUser(bob) });
    const edit = await edited(alice, dm.name, 1, 'are you there? (edited)');
    for (const s of [a, b]) expect(await s.next('edit')).toEqual(editEventOf(edit));
  });

  it('`ready` lists the dm among the groups after a reconnect; a socket opened afterwards gets its events', async () => {
    const { users, group } = await friends(2, 'Ready');
    const [alice, bob] = users;
    const dm = await opened(bob, alice, 201);
    const [a, b] = await Promise.all([sockets.connect(alice), sockets.connect(bob)]);
    for (const s of [a, b]) expect([...s.ready.groups].sort()).toEqual([dm.name, group].sort());
    const message = await sendMessage(a, dm.name, 'after the reconnect');
    expect(await b.next('message')).toEqual(message);

    // Even once they share no group any more, the dm stays in ready.
    await leaveGroup(alice, group);
    await leaveGroup(bob, group);
    const again = await sockets.connect(alice);
    expect(again.ready.groups).toEqual([dm.name]);
    const late = await sendMessage(b, dm.name, 'still on');
    expect(await again.next('message')).toEqual(late);
  });

  it('presence reaches a dm partner who shares no group any more: online with the first connection, offline with the last', async () => {
    const { users, group } = await friends(2, 'Presence');
    const [alice, bob] = users;
    const dm: Dm = await opened(alice, bob, 201);
    await leaveGroup(alice, group);
    await leaveGroup(bob, group);
    const a = await sockets.connect(alice);

    const b = await sockets.connect(bob);
    expect(await a.next('presence', (p) => p.user.id === bob.user.id)).toEqual({ user: publicUser(bob), online: true });
    expect((await getGroup(alice, dm.name)).members?.find((m) => m.id === bob.user.id)?.online).toBe(true);
    await b.closeAndWait();
    expect(await a.next('presence', (p) => p.user.id === bob.user.id)).toEqual({ user: publicUser(bob), online: false });
    expect((await getGroup(alice, dm.name)).members?.find((m) => m.id === bob.user.id)?.online).toBe(false);
  });
});
