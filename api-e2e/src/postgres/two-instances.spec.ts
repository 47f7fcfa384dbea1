import type { Message } from '@chat/protocol';
import { createGroup, joinGroup, registerUser, uniqueGroupName } from '../support/api-client';
import { clientMsgId, fullHistory, range } from '../support/chat';
import { createDatabase } from '../support/databases';
import { RunningServer, startServer } from '../support/server';
import { TestSocket } from '../support/ws-client';

const SENDERS_PER_INSTANCE = 10;
const MESSAGES_EACH = 3;

/**
 * Two servers on one database: the per-group seq is assigned in the
 * database transaction, so concurrent senders on both still get 1..N with
 * no gap or repeat. (Live delivery across instances needs Redis.)
 */
describe('two instances on one PostgreSQL database', () => {
  let database: { url: string; drop: () => Promise<void> };
  let servers: RunningServer[] = [];
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    database = await createDatabase();
    const env = { DATABASE_URL: database.url, AUTH_SECRET: 'two-instances-secret', WS_RATE_LIMIT: '0' };
    servers = [await startServer(env), await startServer(env)];
  }, 60000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await Promise.all(servers.map((server) => server.stop()));
    await database.drop();
  });

  it(`${SENDERS_PER_INSTANCE * 2} senders on two instances: every message stored once, seq 1..N`, async () => {
    const [a, b] = servers;
    const owner = await registerUser(a.baseUrl, 'Owner');
    const group = (await createGroup(owner, uniqueGroupName('shared'))).name;
    const users = await Promise.all(range(1, SENDERS_PER_INSTANCE * 2).map((i) => registerUser(i % 2 ? a.baseUrl : b.baseUrl, `S${i}`)));
    await Promise.all(users.map((user) => joinGroup(user, group)));
    // Tokens from either instance work on the other: half connect across.
    const connected = await Promise.all(
      users.map(async (user, i) => ({ user, ...(await TestSocket.connect((i < SENDERS_PER_INSTANCE ? a : b).wsUrl, user.token)) })),
    );
    sockets.push(...connected.map((c) => c.socket));

    const acks = await Promise.all(
      connected.map(async ({ socket }) => {
        const ids = range(1, MESSAGES_EACH).map(() => clientMsgId('two'));
        for (const id of ids) socket.send('send', { group, text: `from ${id}`, clientMsgId: id });
        return Promise.all(ids.map((id) => socket.next('message', (m) => m.clientMsgId === id, 20000)));
      }),
    );

    const total = SENDERS_PER_INSTANCE * 2 * MESSAGES_EACH;
    const acked = acks.flat().map((m: Message) => m.seq).sort((x, y) => x - y);
    expect(acked).toEqual(range(1, total));
    const stored = await fullHistory(owner, group);
    expect(stored.map((m) => m.seq)).toEqual(range(1, total));
    expect(new Set(stored.map((m) => `${m.sender.id}/${m.clientMsgId}`)).size).toBe(total);
  }, 90000);
});
