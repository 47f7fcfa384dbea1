import type { Message } from '@chat/protocol';
import { createGroup, history, joinGroup, registerUser, TestUser, uniqueGroupName } from './support/api-client';
import { clientMsgId, range, sendMessage, sendMessages, sleep, SocketPool } from './support/chat';
import { useServer } from './support/setup';
import type { TestSocket } from './support/ws-client';

describe('catch-up after a disconnect', () => {
  const server = useServer();
  const sockets = new SocketPool(server);
  afterEach(() => sockets.closeAll());

  let alice: TestUser;
  let bob: TestUser;
  let lena: TestUser;
  beforeAll(async () => {
    [alice, bob, lena] = await Promise.all(['Alice', 'Bob', 'Lena'].map((n) => registerUser(server().baseUrl, n)));
  });

  async function setup(): Promise<{ group: string; a: TestSocket; b: TestSocket; listener: TestSocket }> {
    const group = (await createGroup(alice, uniqueGroupName('catchup'))).name;
    await joinGroup(bob, group);
    await joinGroup(lena, group);
    const [a, b, listener] = await Promise.all([sockets.connect(alice), sockets.connect(bob), sockets.connect(lena)]);
    return { group, a, b, listener };
  }

  /** Sends `count` frames at once and waits for all their echoes on the sender. */
  async function sendAll(socket: TestSocket, group: string, count: number, prefix: string): Promise<Message[]> {
    const ids = range(1, count).map(() => clientMsgId(prefix));
    for (const id of ids) socket.send('send', { group, text: `${prefix} ${id}`, clientMsgId: id });
    const echoes: Message[] = [];
    for (const id of ids) echoes.push(await socket.next('message', (m) => m.clientMsgId === id, 10000));
    return echoes;
  }

  it('GET messages?after=<last seen> returns exactly the 50 missed messages in order; live events continue with the next seq', async () => {
    const { group, a, b, listener } = await setup();
    await sendMessages(a, group, 5, 'before');
    const seen = await listener.take('message', 5);
    const lastSeen = seen[seen.length - 1].seq;
    expect(lastSeen).toBe(5);

    listener.close();
    await listener.waitForClose();

    // 50 messages from two senders at once (25 each, within the default burst).
    const [fromAlice, fromBob] = await Promise.all([sendAll(a, group, 25, 'alice'), sendAll(b, group, 25, 'bob')]);
    const missed = [...fromAlice, ...fromBob].sort((x, y) => x.seq - y.seq);
    expect(missed.map((m) => m.seq)).toEqual(range(6, 55));

    const back = await sockets.connect(lena);
    expect(back.ready.groups).toContain(group);
    const caughtUp = await history(lena, group, `?after=${lastSeen}`);
    expect(caughtUp.map((m) => m.seq)).toEqual(range(6, 55));
    expect(caughtUp).toEqual(missed);

    // Nothing missed is replayed live; the next message arrives live with seq 56.
    const next = await sendMessage(a, group, 'after the reconnect');
    expect(next.seq).toBe(56);
    const live = await back.next('message');
    expect(live).toEqual(next);
    expect(await back.drain('message', 300)).toEqual([]);
  }, 30000);

  it('reconnecting while messages keep coming: history after the last seen seq plus live events, deduplicated by seq, lose nothing', async () => {
    const { group, a, listener } = await setup();
    await sendMessages(a, group, 3, 'before');
    const lastSeen = (await listener.take('message', 3))[2].seq;
    listener.close();
    await listener.waitForClose();

    // Alice keeps sending 30 messages, about one every 15 ms (well within the rate limit).
    const COUNT = 30;
    const sending = (async () => {
      const out: Message[] = [];
      for (let i = 0; i < COUNT; i++) {
        out.push(await sendMessage(a, group, `during ${i + 1}`));
        await sleep(15);
      }
      return out;
    })();

    await sleep(150);
    const back = await sockets.connect(lena);
    const fetched = await history(lena, group, `?after=${lastSeen}&limit=100`);
    const sent = await sending;
    await sleep(200);
    const live = await back.drain('message', 0);

    // Live events arrive in seq order.
    const liveSeqs = live.map((m) => m.seq);
    expect(liveSeqs).toEqual([...liveSeqs].sort((x, y) => x - y));
    expect(fetched.map((m) => m.seq)).toEqual(range(lastSeen + 1, lastSeen + fetched.length));

    const merged = new Map<number, Message>();
    for (const m of [...fetched, ...live]) merged.set(m.seq, m);
    const seqs = [...merged.keys()].sort((x, y) => x - y);
    expect(seqs).toEqual(range(lastSeen + 1, lastSeen + COUNT));
    expect(seqs.map((s) => merged.get(s))).toEqual(sent);
  }, 30000);
});
