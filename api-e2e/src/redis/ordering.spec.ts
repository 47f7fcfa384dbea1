import type { Message } from '@chat/protocol';
import { createGroup, joinGroup, registerUser, uniqueGroupName } from '../support/api-client';
import { clientMsgId, fullHistory, range } from '../support/chat';
import type { TestSocket } from '../support/ws-client';
import { on, useCluster } from './cluster';

const SENDERS_PER_INSTANCE = 10;
const MESSAGES_EACH = 5;
const TOTAL = SENDERS_PER_INSTANCE * 2 * MESSAGES_EACH;

/**
 * Concurrent senders on two instances in one group: every connection (on
 * either instance) receives every message exactly once, in strictly
 * ascending seq 1..N, and the history has 1..N with no gap.
 */
describe('two instances behind Redis: ordering under load', () => {
  const cluster = useCluster(2, 'order', { WS_RATE_LIMIT: '0' });
  afterAll(() => cluster().closeSockets());

  it(`${SENDERS_PER_INSTANCE} senders on each instance, ${MESSAGES_EACH} messages each: every connection gets 1..${TOTAL} once, in order`, async () => {
    const c = cluster();
    const [a, b] = c.servers;
    const owner = await registerUser(a.baseUrl, 'Owner');
    const group = (await createGroup(owner, uniqueGroupName('load'))).name;
    // Users registered on either instance; each joins over REST on the instance it will not chat on.
    const senders = await Promise.all(range(1, SENDERS_PER_INSTANCE * 2).map((i) => registerUser((i % 2 ? a : b).baseUrl, `S${i}`)));
    const listenerA = await registerUser(a.baseUrl, 'ListenA');
    const listenerB = await registerUser(b.baseUrl, 'ListenB');
    const home = (i: number) => (i < SENDERS_PER_INSTANCE ? a : b);
    await Promise.all(senders.map((user, i) => joinGroup(on(user, home(i) === a ? b : a), group)));
    await joinGroup(listenerA, group);
    await joinGroup(listenerB, group);

    const listeners = [await c.connect(a, listenerA), await c.connect(b, listenerB)];
    const senderSockets = await Promise.all(senders.map((user, i) => c.connect(home(i), user)));
    for (const s of [...listeners, ...senderSockets]) expect(s.ready.groups).toEqual([group]);

    // Everyone fires all their sends at once, on both instances.
    const sent = senderSockets.map((socket, i) => {
      const ids = range(1, MESSAGES_EACH).map(() => clientMsgId(`load${i}`));
      for (const [k, id] of ids.entries()) socket.send('send', { group, text: `sender ${i + 1} message ${k + 1}`, clientMsgId: id });
      return { socket, user: senders[i], ids };
    });

    // Every connection, listeners and senders alike, receives all N messages.
    const everyone: Array<{ name: string; socket: TestSocket }> = [
      { name: 'listener on A', socket: listeners[0] },
      { name: 'listener on B', socket: listeners[1] },
      ...senderSockets.map((socket, i) => ({ name: `sender ${i + 1} on ${home(i) === a ? 'A' : 'B'}`, socket })),
    ];
    const received = await Promise.all(everyone.map(({ socket }) => socket.take('message', TOTAL, 45000)));

    const reference = received[0];
    expect(reference.map((m) => m.seq)).toEqual(range(1, TOTAL));
    for (const [i, messages] of received.entries()) {
      // Strictly ascending 1..N, nothing missing, nothing twice: shown with the connection's name when it fails.
      expect({ connection: everyone[i].name, seqs: messages.map((m) => m.seq) }).toEqual({ connection: everyone[i].name, seqs: range(1, TOTAL) });
      expect(messages).toEqual(reference);
    }
    // Nothing more arrives later (no duplicate through a second path).
    const late = await Promise.all(everyone.map(({ socket }) => socket.drain('message', 500)));
    expect(late.map((l, i) => ({ connection: everyone[i].name, extra: l.map((m) => m.seq) })).filter((x) => x.extra.length > 0)).toEqual([]);

    // Each message is the one a sender sent: every (sender, clientMsgId) once, each echoed to its sender.
    const expectedKeys = sent.flatMap(({ user, ids }) => ids.map((id) => `${user.user.id}/${id}`)).sort();
    expect(reference.map((m: Message) => `${m.sender.id}/${m.clientMsgId}`).sort()).toEqual(expectedKeys);

    // The stored history, read through either instance, is exactly what was delivered.
    const storedA = await fullHistory(owner, group);
    const storedB = await fullHistory(on(owner, b), group);
    expect(storedA.map((m) => m.seq)).toEqual(range(1, TOTAL));
    expect(storedA).toEqual(reference);
    expect(storedB).toEqual(storedA);
  }, 120000);
});
