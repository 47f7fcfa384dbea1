import type { Group, GroupDetail } from '@chat/protocol';
import { createGroup, joinGroup, publicUser, uniqueGroupName } from '../support/api-client';
import { getGroup, listGroups, sendMessage, sleep } from '../support/chat';
import { dmNames, expectDmShape, groupPath, listDms, membersOf2, opened, useDms } from '../support/dms';
import { expectGroupShape, expectStatus } from '../support/expect';
import { edited } from '../support/lifecycle';
import { reacted } from '../support/reactions';

/** `GET /api/dms`, and groups and dms kept apart: `kind` on every group object. */
describe('direct messages: GET /api/dms, and `kind` everywhere', () => {
  const { sockets, people, friends } = useDms();

  it('GET /api/dms: the caller’s dms only, each in the caller’s view, newest activity first (newest message, else creation)', async () => {
    const { users } = await friends(4, 'Order');
    const [alice, bob, carol, dave] = users;
    const ab = await opened(alice, bob, 201);
    await sleep(15);
    const ac = await opened(carol, alice, 201);
    await sleep(15);
    const ad = await opened(alice, dave, 201);
    await sleep(15);
    const bc = await opened(bob, carol, 201); // not Alice's
    expect(await dmNames(alice)).toEqual([ad.name, ac.name, ab.name]);
    expect(await dmNames(bob)).toEqual([bc.name, ab.name]);
    expect(await dmNames(dave)).toEqual([ad.name]);

    // A message makes its dm the newest, whoever sent it.
    const [a, b, c] = await Promise.all([sockets.connect(alice), sockets.connect(bob), sockets.connect(carol)]);
    await sleep(15);
    await sendMessage(b, ab.name, 'bump the oldest');
    expect(await dmNames(alice)).toEqual([ab.name, ad.name, ac.name]);
    expect(await dmNames(bob)).toEqual([ab.name, bc.name]);
    await sleep(15);
    await sendMessage(c, ac.name, 'and now this one');
    expect(await dmNames(alice)).toEqual([ac.name, ab.name, ad.name]);

    // Activity is the newest message's time: an edit or a reaction on an older message moves nothing.
    await sleep(15);
    await edited(bob, ab.name, 1, 'bump the oldest (edited)');
    await reacted(alice, ab.name, 1, '👍');
    expect(await dmNames(alice)).toEqual([ac.name, ab.name, ad.name]);
    await sleep(15);
    await sendMessage(a, ad.name, 'last');
    expect(await dmNames(alice)).toEqual([ad.name, ac.name, ab.name]);

    // Each entry is the caller's view: Alice read what she sent, not what Bob and Carol sent.
    const byName = new Map((await listDms(alice)).map((dm) => [dm.name, dm]));
    expect(byName.get(ab.name)).toMatchObject({ members: membersOf2(alice, bob), createdBy: publicUser(alice), lastSeq: 1, lastRev: 3, readSeq: 0, unread: 1 });
    expect(byName.get(ac.name)).toMatchObject({ members: membersOf2(carol, alice), createdBy: publicUser(carol), lastSeq: 1, lastRev: 1, readSeq: 0, unread: 1 });
    expect(byName.get(ad.name)).toMatchObject({ members: membersOf2(alice, dave), lastSeq: 1, lastRev: 1, readSeq: 1, unread: 0 });
    expect((await listDms(dave))[0]).toMatchObject({ name: ad.name, readSeq: 0, unread: 1 });
  });

  it('GET /api/dms is [] for someone with no dm', async () => {
    const [loner] = await people(1, 'Loner');
    expect(await listDms(loner)).toEqual([]);
  });

  it('GET /api/groups never lists dms, for their members or anyone else, and every entry is kind group', async () => {
    const { users, group } = await friends(3, 'Apart');
    const [alice, bob, carol] = users;
    const dm = await opened(alice, bob, 201);
    await sendMessage(await sockets.connect(alice), dm.name, 'listed?');
    for (const user of [alice, bob, carol]) {
      const listed = await listGroups(user);
      expect(listed.map((g) => g.name)).toContain(group);
      expect(listed.map((g) => g.name)).not.toContain(dm.name);
      expect(listed.filter((g) => g.name.startsWith('@'))).toEqual([]);
      for (const g of listed) expectGroupShape(g);
    }
  });

  it('every group object has kind group: the create answer, the list (member or not), the detail (member or not), the join answer, the `group` event', async () => {
    const [alice, bob] = await people(2, 'Kind');
    const [a, b] = await Promise.all([sockets.connect(alice), sockets.connect(bob)]);
    const name = uniqueGroupName('kind');
    const created = await alice.api.post<Group>('/api/groups', { name });
    expectStatus(created, 201);
    expectGroupShape(created.body);
    for (const s of [a, b]) expectGroupShape(await s.next('group', (g) => g.name === name));

    const outside = (await listGroups(bob)).find((g) => g.name === name) as Group;
    expectGroupShape(outside);
    expect(outside.joined).toBe(false);
    expectGroupShape(await getGroup(bob, name), { detail: true });

    const joined = await joinGroup(bob, name);
    expectGroupShape(joined);
    expect(joined.joined).toBe(true);
    const detail = await getGroup(bob, name);
    expectGroupShape(detail, { detail: true });
    expect(detail.joined).toBe(true);
    expectGroupShape((await listGroups(bob)).find((g) => g.name === name) as Group);
  });

  it('GET /api/groups/:dm for a member: the detail, kind dm, both members with `online`', async () => {
    const { users } = await friends(2, 'Detail');
    const [alice, bob] = users;
    const dm = await opened(alice, bob, 201);
    await sockets.connect(bob);
    for (const user of [alice, bob]) {
      const res = await user.api.get<GroupDetail>(groupPath(dm.name));
      expectStatus(res, 200);
      expectDmShape(res.body, { detail: true });
      const { members, ...rest } = res.body;
      expect({ ...rest, members: dm.members }).toEqual(dm);
      expect([...(members ?? [])].sort((x, y) => x.id.localeCompare(y.id))).toEqual(
        [
          { ...publicUser(alice), online: false },
          { ...publicUser(bob), online: true },
        ].sort((x, y) => x.id.localeCompare(y.id)),
      );
      for (const u of users) expect(res.text).not.toContain(u.user.email);
    }
  });

  it('a group of the same people is still a group: createGroup never yields kind dm, and two people’s group is not their dm', async () => {
    const [alice, bob] = await people(2, 'Two');
    const group = await createGroup(alice, uniqueGroupName('just-two'));
    await joinGroup(bob, group.name);
    const detail = await getGroup(bob, group.name);
    expectGroupShape(detail, { detail: true });
    expect(detail.memberCount).toBe(2);
    expect(await listDms(alice)).toEqual([]);
    expect(await listDms(bob)).toEqual([]);
  });
});
