import type { Message } from '@chat/protocol';
import { createGroup, joinGroup, publicUser, TestUser, uniqueGroupName } from './support/api-client';
import { clientMsgId, fullHistory, getGroup, range, registerUsers, SocketPool } from './support/chat';
import { useServer } from './support/setup';
import type { TestSocket } from './support/ws-client';

const SENDERS = 20;
const PER_SENDER = 5;
const TOTAL = SENDERS * PER_SENDER;

describe('ordering and idempotency under concurrency', () => {
  const server = useServer();
  const sockets = new SocketPool(server);
  afterEach(() => sockets.closeAll());

  let senders: TestUser[];
  let listeners: TestUser[];
  let owner: TestUser;

  beforeAll(async () => {
    const all = await registerUsers(server().baseUrl, SENDERS + 2, 'Conc');
    senders = all.slice(0, SENDERS);
    listeners = all.slice(SENDERS);
    owner = senders[0];
  }, 90000);

  it(`${SENDERS} users sending ${PER_SENDER} messages each at once: seq 1..${TOTAL}, same order everywhere, history agrees`, async () => {
    const group = (await createGroup(owner, uniqueGroupName('race'))).name;
    await Promise.all([...senders.slice(1), ...listeners].map((u) => joinGroup(u, group)));
    const senderSockets = await Promise.all(senders.map((u) => sockets.connect(u)));
    const listenerSockets = await Promise.all(listeners.map((u) => sockets.connect(u)));

    const sentIds: string[][] = senderSockets.map((socket, i) => {
      const ids = range(1, PER_SENDER).map(() => clientMsgId(`s${i}`));
      for (const [k, id] of ids.entries()) socket.send('send', { group, text: `sender ${i} message ${k + 1}`, clientMsgId: id });
      return ids;
    });

    const [first, second] = await Promise.all(listenerSockets.map((s) => s.take('message', TOTAL, 20000)));
    const seqs = first.map((m) => m.seq);
    expect(seqs).toEqual(range(1, TOTAL));
    expect(second.map((m) => m.id)).toEqual(first.map((m) => m.id));
    expect(second).toEqual(first);
    expect(new Set(first.map((m) => m.id)).size).toBe(TOTAL);

    // Every message that was sent is there exactly once, from the right sender.
    const byClientId = new Map(first.map((m) => [`${m.sender.id}/${m.clientMsgId}`, m]));
    senders.forEach((user, i) => {
      for (const id of sentIds[i]) expect(byClientId.get(`${user.user.id}/${id}`)?.sender).toEqual(publicUser(user));
    });

    // Each sender's own connection got every message too, in seq order.
    const seen = await Promise.all(senderSockets.map((s: TestSocket) => s.take('message', TOTAL, 20000)));
    for (const messages of seen) expect(messages.map((m) => m.seq)).toEqual(range(1, TOTAL));
    for (const s of [...senderSockets, ...listenerSockets]) expect(await s.drain('message', 0)).toEqual([]);

    // REST history, paged with after/limit, returns the same messages in the same order.
    const stored = await fullHistory(listeners[0], group, 30);
    expect(stored).toEqual(first);
    expect((await getGroup(owner, group)).lastSeq).toBe(TOTAL);
  }, 60000);

  it('the same clientMsgId sent twice, also concurrently from two connections, stores one message', async () => {
    const user = senders[1];
    const other = senders[2];
    const group = (await createGroup(user, uniqueGroupName('dups'))).name;
    await joinGroup(other, group);
    const [tab1, tab2, otherSocket] = await Promise.all([sockets.connect(user), sockets.connect(user), sockets.connect(other)]);

    const ids = range(1, 10).map(() => clientMsgId('dup'));
    for (const id of ids) {
      const data = { group, text: `once ${id}`, clientMsgId: id };
      tab1.send('send', data);
      tab2.send('send', data);
      tab1.send('send', data);
    }

    // Every connection of the user gets at least one copy of each id; all copies agree.
    const copies = new Map<string, Message[]>();
    const collect = async (socket: TestSocket) => {
      const got = new Set<string>();
      const deadline = Date.now() + 10000;
      while (got.size < ids.length && Date.now() < deadline) {
        const m = await socket.next('message', undefined, Math.max(1, deadline - Date.now()));
        got.add(m.clientMsgId);
        copies.set(m.clientMsgId, [...(copies.get(m.clientMsgId) ?? []), m]);
      }
      expect(got.size).toBe(ids.length);
    };
    await Promise.all([collect(tab1), collect(tab2)]);
    for (const id of ids) {
      const list = copies.get(id) ?? [];
      expect(new Set(list.map((m) => `${m.id}/${m.seq}`)).size).toBe(1);
    }

    // The other member got each message exactly once.
    const forOther = await otherSocket.take('message', ids.length);
    expect(forOther.map((m) => m.clientMsgId).sort()).toEqual([...ids].sort());
    expect(await otherSocket.drain('message', 500)).toEqual([]);

    const stored = await fullHistory(user, group);
    expect(stored.map((m) => m.seq)).toEqual(range(1, ids.length));
    expect(stored.map((m) => m.clientMsgId).sort()).toEqual([...ids].sort());
    expect((await getGroup(user, group)).lastSeq).toBe(ids.length);
  }, 30000);

  it('20 users each retrying the same clientMsgId at once: one message per user', async () => {
    const group = (await createGroup(owner, uniqueGroupName('retries'))).name;
    await Promise.all(senders.slice(1).map((u) => joinGroup(u, group)));
    const list = await Promise.all(senders.map((u) => sockets.connect(u)));
    const id = clientMsgId('everyone');
    for (const s of list) for (let k = 0; k < 3; k++) s.send('send', { group, text: 'same id, many users', clientMsgId: id });

    const listener = list[0];
    const received = await listener.take('message', SENDERS + 2, 15000); // own retries echo twice more
    const distinct = new Map(received.map((m) => [m.id, m]));
    expect(distinct.size).toBe(SENDERS);
    expect([...distinct.values()].map((m) => m.seq).sort((a, b) => a - b)).toEqual(range(1, SENDERS));
    const stored = await fullHistory(owner, group);
    expect(stored).toHaveLength(SENDERS);
    expect(new Set(stored.map((m) => m.sender.id)).size).toBe(SENDERS);
  }, 30000);

  it('every user sending into three groups at once, interleaved: each group numbered 1..n, each sender’s messages in the order sent', async () => {
    const groups = await Promise.all([1, 2, 3].map(async (n) => (await createGroup(owner, uniqueGroupName(`mix${n}`))).name));
    await Promise.all(senders.slice(1).flatMap((u) => groups.map((g) => joinGroup(u, g))));
    const list = await Promise.all(senders.map((u) => sockets.connect(u)));
    // Sent all at once (on PostgreSQL they are stored in batches, several groups per transaction).
    list.forEach((socket, i) => {
      for (let k = 1; k <= PER_SENDER; k++) {
        for (const group of groups) socket.send('send', { group, text: `${i}:${k}`, clientMsgId: clientMsgId(`mix${i}`) });
      }
    });
    const received = await list[0].take('message', TOTAL * groups.length, 30000);
    for (const group of groups) {
      const inGroup = received.filter((m) => m.group === group);
      expect(inGroup.map((m) => m.seq)).toEqual(range(1, TOTAL));
      senders.forEach((user, i) => {
        const mine = inGroup.filter((m) => m.sender.id === user.user.id).map((m) => m.text);
        expect(mine).toEqual(range(1, PER_SENDER).map((k) => `${i}:${k}`));
      });
      expect(await fullHistory(owner, group)).toEqual(inGroup);
    }
  }, 60000);
});
