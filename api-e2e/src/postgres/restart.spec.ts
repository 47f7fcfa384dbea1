import { membersOf } from '../support/chat';
import type { Group, GroupDetail, Message, User } from '@chat/protocol';
import { randomBytes } from 'node:crypto';
import { ApiClient, createGroup, history, joinGroup, registerUser, TestUser } from '../support/api-client';
import { createDatabase } from '../support/databases';
import { RunningServer, startServer } from '../support/server';
import { TestSocket } from '../support/ws-client';

/** Everything written before a restart is there after it, and tokens still work. */
describe('a restart with PostgreSQL', () => {
  let database: { url: string; drop: () => Promise<void> };
  let server: RunningServer | undefined;
  const env = () => ({ DATABASE_URL: database.url, AUTH_SECRET: 'restart-test-secret' });

  beforeAll(async () => {
    database = await createDatabase();
  });

  afterAll(async () => {
    await server?.stop();
    await database.drop();
  });

  it('keeps users, groups, memberships, messages and read markers, and tokens stay valid', async () => {
    server = await startServer(env());
    const ana = await registerUser(server.baseUrl, 'Ana');
    const ben = await registerUser(server.baseUrl, 'Ben');
    const group = await createGroup(ana, `durable ${randomBytes(3).toString('hex')}`);
    await joinGroup(ben, group.name);

    const { socket } = await TestSocket.connect(server.wsUrl, ana.token);
    for (let i = 1; i <= 5; i++) {
      socket.send('send', { group: group.name, text: `message ${i}`, clientMsgId: `before-${i}` });
      await socket.next('message', (m) => m.clientMsgId === `before-${i}`);
    }
    const { socket: benSocket } = await TestSocket.connect(server.wsUrl, ben.token);
    benSocket.send('read', { group: group.name, seq: 3 });
    await waitFor(async () => (await groupOf(ben, group.name)).readSeq === 3);
    socket.close();
    benSocket.close();
    const before = { messages: await history(ana, group.name), anaView: await groupOf(ana, group.name), benView: await groupOf(ben, group.name) };

    await server.stop();
    server = await startServer(env());
    const anaAgain = rebind(ana, server.baseUrl);
    const benAgain = rebind(ben, server.baseUrl);

    // The same tokens work on the new process, over REST and WebSocket.
    expect((await anaAgain.api.get<User>('/api/users/me')).body).toEqual(ana.user);
    const { ready } = await TestSocket.connect(server.wsUrl, ben.token);
    expect(ready.groups).toEqual([group.name]);

    expect(await history(anaAgain, group.name)).toEqual(before.messages);
    expect(before.messages.map((m: Message) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(await groupOf(anaAgain, group.name)).toEqual(before.anaView);
    expect(await groupOf(benAgain, group.name)).toEqual(before.benView);
    expect((await groupOf(benAgain, group.name)).unread).toBe(2);
    const detail = (await anaAgain.api.get<GroupDetail>(`/api/groups/${encodeURIComponent(group.name)}`)).body;
    expect(membersOf(detail).map((m) => m.id)).toEqual([ana.user.id, ben.user.id]);

    // Sign-in still works with the stored hash; numbering goes on from 6; a pre-restart clientMsgId is still known.
    expect((await new ApiClient(server.baseUrl).post('/api/auth/login', { email: ana.user.email, password: ana.password })).status).toBe(200);
    const { socket: again } = await TestSocket.connect(server.wsUrl, ana.token);
    again.send('send', { group: group.name, text: 'after the restart', clientMsgId: 'after-1' });
    expect((await again.next('message', (m) => m.clientMsgId === 'after-1')).seq).toBe(6);
    again.send('send', { group: group.name, text: 'message 2 again', clientMsgId: 'before-2' });
    expect((await again.next('message', (m) => m.clientMsgId === 'before-2')).seq).toBe(2);
    again.close();
    expect((await history(anaAgain, group.name)).map((m: Message) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  }, 60000);
});

function rebind(user: TestUser, baseUrl: string): TestUser {
  return { ...user, api: new ApiClient(baseUrl, user.token) };
}

async function groupOf(user: TestUser, name: string): Promise<Group> {
  const groups = (await user.api.get<Group[]>('/api/groups')).body;
  const found = groups.find((g) => g.name === name);
  if (!found) throw new Error(`group ${name} not listed`);
  return found;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
