import { createGroup, joinGroup, registerUser, TestUser, uniqueGroupName } from './support/api-client';
import { getGroup, leaveGroup, listGroups, sendMessage, sendMessages, SocketPool } from './support/chat';
import { expectStatus } from './support/expect';
import type { TestSocket } from './support/ws-client';
import { useServer } from './support/setup';

describe('read markers: readSeq and unread', () => {
  const server = useServer();
  const sockets = new SocketPool(server);
  afterEach(() => sockets.closeAll());

  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  beforeAll(async () => {
    [alice, bob, carol] = await Promise.all(['Alice', 'Bob', 'Carol'].map((n) => registerUser(server().baseUrl, n)));
  });

  /** The caller's marker as both GET /api/groups and GET /api/groups/:name report it. */
  async function expectMarker(user: TestUser, group: string, lastSeq: number, readSeq: number) {
    const expected = { name: group, joined: true, lastSeq, readSeq, unread: lastSeq - readSeq };
    expect(await getGroup(user, group)).toMatchObject(expected);
    expect((await listGroups(user)).find((g) => g.name === group)).toMatchObject(expected);
  }

  async function groupWithMessages(sender: TestSocket, count: number): Promise<string> {
    const name = (await createGroup(alice, uniqueGroupName('read'))).name;
    await sendMessages(sender, name, count);
    return name;
  }

  it('starts at lastSeq on join: earlier history is not unread', async () => {
    const a = await sockets.connect(alice);
    const group = await groupWithMessages(a, 3);
    await expectMarker(alice, group, 3, 3);

    const joined = await joinGroup(bob, group);
    expect(joined).toMatchObject({ lastSeq: 3, readSeq: 3, unread: 0 });
    await expectMarker(bob, group, 3, 3);

    await sendMessages(a, group, 2);
    await expectMarker(bob, group, 5, 3);
    // The sender's own marker follows its messages.
    await expectMarker(alice, group, 5, 5);
  });

  it('starts again at lastSeq when a member leaves and joins again', async () => {
    const a = await sockets.connect(alice);
    const group = await groupWithMessages(a, 2);
    await joinGroup(bob, group);
    await sendMessages(a, group, 2);
    await expectMarker(bob, group, 4, 2);

    await leaveGroup(bob, group);
    await sendMessages(a, group, 3);
    await joinGroup(bob, group);
    await expectMarker(bob, group, 7, 7);
  });

  it('moves to the seq of each message the user sends', async () => {
    const a = await sockets.connect(alice);
    const group = await groupWithMessages(a, 1);
    await joinGroup(bob, group);
    await sendMessages(a, group, 3);
    await expectMarker(bob, group, 4, 1);

    const b = await sockets.connect(bob);
    const mine = await sendMessage(b, group, 'reading by writing');
    expect(mine.seq).toBe(5);
    await expectMarker(bob, group, 5, 5);
    await expectMarker(alice, group, 5, 4);
  });

  it('`read` moves forward, tells only the caller’s other connections, and ignores lower seqs', async () => {
    const a = await sockets.connect(alice);
    const group = await groupWithMessages(a, 2);
    await joinGroup(bob, group);
    await sendMessages(a, group, 3); // lastSeq 5, bob at 2
    const tab1 = await sockets.connect(bob);
    const tab2 = await sockets.connect(bob);
    await expectMarker(bob, group, 5, 2);

    tab1.send('read', { group, seq: 4 });
    expect(await tab2.next('read')).toEqual({ group, seq: 4 });
    await expectMarker(bob, group, 5, 4);
    expect(await tab1.drain('read', 300)).toEqual([]);
    // Other users never hear about Bob's marker.
    expect(await a.drain('read', 0)).toEqual([]);

    // Lower and equal seqs change nothing and announce nothing.
    tab1.send('read', { group, seq: 3 });
    tab1.send('read', { group, seq: 4 });
    tab2.send('read', { group, seq: 0 });
    expect(await tab2.drain('read', 400)).toEqual([]);
    expect(await tab1.drain('read', 0)).toEqual([]);
    await expectMarker(bob, group, 5, 4);

    // From the other tab too.
    tab2.send('read', { group, seq: 5 });
    expect(await tab1.next('read')).toEqual({ group, seq: 5 });
    await expectMarker(bob, group, 5, 5);
    expect(await tab2.drain('read', 300)).toEqual([]);
  });

  it('a seq past lastSeq counts as lastSeq', async () => {
    const a = await sockets.connect(alice);
    const group = await groupWithMessages(a, 1);
    await joinGroup(bob, group);
    await sendMessages(a, group, 5); // lastSeq 6, bob at 1
    const tab1 = await sockets.connect(bob);
    const tab2 = await sockets.connect(bob);

    tab1.send('read', { group, seq: 999 });
    expect(await tab2.next('read')).toEqual({ group, seq: 6 });
    await expectMarker(bob, group, 6, 6);

    // New messages are unread again: the marker did not jump to 999.
    await sendMessages(a, group, 2);
    await expectMarker(bob, group, 8, 6);

    // And a repeat past lastSeq moves it to the new lastSeq only.
    tab1.send('read', { group, seq: 1000 });
    expect(await tab2.next('read')).toEqual({ group, seq: 8 });
    await expectMarker(bob, group, 8, 8);
  });

  it('`read` in a group without messages moves nothing and announces nothing', async () => {
    const group = (await createGroup(alice, uniqueGroupName('quiet'))).name;
    const tab1 = await sockets.connect(alice);
    const tab2 = await sockets.connect(alice);
    tab1.send('read', { group, seq: 5 });
    expect(await tab2.drain('read', 400)).toEqual([]);
    await expectMarker(alice, group, 0, 0);
  });

  it('the marker is per user: one member reading leaves the others unread', async () => {
    const a = await sockets.connect(alice);
    const group = await groupWithMessages(a, 1);
    await Promise.all([joinGroup(bob, group), joinGroup(carol, group)]);
    await sendMessages(a, group, 4); // lastSeq 5
    const b = await sockets.connect(bob);
    const c = await sockets.connect(carol);

    b.send('read', { group, seq: 5 });
    // Wait until Bob's marker is visibly stored.
    const deadline = Date.now() + 3000;
    while ((await getGroup(bob, group)).readSeq !== 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await expectMarker(bob, group, 5, 5);
    await expectMarker(carol, group, 5, 1);
    expect(await c.drain('read', 200)).toEqual([]);
  });

  it('non-members see no readSeq or unread', async () => {
    const group = (await createGroup(alice, uniqueGroupName('outsider'))).name;
    const res = await carol.api.get(`/api/groups/${encodeURIComponent(group)}`);
    expectStatus(res, 200);
    expect(res.body.joined).toBe(false);
    expect(res.body).not.toHaveProperty('readSeq');
    expect(res.body).not.toHaveProperty('unread');
  });
});
