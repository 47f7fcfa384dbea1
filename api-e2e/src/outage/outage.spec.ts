import type { ErrorEvent, Message } from '@chat/protocol';
import { createGroup, joinGroup, registerUser, TestUser, uniqueGroupName } from '../support/api-client';
import { clientMsgId, fullHistory, range, sleep } from '../support/chat';
import { createDatabase } from '../support/databases';
import { RunningServer, startServer } from '../support/server';
import { TestSocket } from '../support/ws-client';
import { deleteRedisKeys, on, REDIS_URL, uniqueRedisPrefix, waitFor } from '../redis/cluster';
import { Outage, outageOf, realOutages } from './outages';

/** How long each dependency stays away. */
const OUTAGE_MS = 3000;
/** After the dependency is back, messages must cross instances again within this. */
const RECOVERY_MS = 10000;

const POSTGRES = new URL(process.env.E2E_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
const REDIS = new URL(REDIS_URL);

/**
 * One user's client: sends on a timer, and remembers what was acknowledged
 * (its echo) and what was refused as `unavailable` (to be sent again, with
 * the same clientMsgId, as the contract tells a client to).
 */
class Chatter {
  private readonly texts = new Map<string, string>();
  private timer?: NodeJS.Timeout;

  constructor(
    readonly user: TestUser,
    readonly socket: TestSocket,
    readonly group: string,
  ) {}

  send(): string {
    const id = clientMsgId(this.user.user.displayName);
    this.texts.set(id, `${this.user.user.displayName} ${id}`);
    this.socket.send('send', { group: this.group, text: this.texts.get(id), clientMsgId: id });
    return id;
  }

  start(everyMs = 100): void {
    this.timer = setInterval(() => this.socket.isOpen && this.send(), everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  get sent(): string[] {
    return [...this.texts.keys()];
  }

  acknowledged(): Set<string> {
    return new Set(this.socket.history.filter((f) => f.event === 'message').map((f) => f.data as Message).filter((m) => m.sender.id === this.user.user.id && this.texts.has(m.clientMsgId)).map((m) => m.clientMsgId));
  }

  errors(): ErrorEvent[] {
    return this.socket.history.filter((f) => f.event === 'error').map((f) => f.data as ErrorEvent);
  }

  /** Sends every message not acknowledged yet again, same clientMsgId, until all are (or the time is up). */
  async resendUntilAcknowledged(timeoutMs: number): Promise<void> {
    await waitFor(
      `${this.user.user.displayName}: every message acknowledged`,
      async () => {
        const acked = this.acknowledged();
        const missing = this.sent.filter((id) => !acked.has(id));
        for (const id of missing) this.socket.send('send', { group: this.group, text: this.texts.get(id), clientMsgId: id });
        return missing.length === 0;
      },
      timeoutMs,
      500,
    );
  }
}

function messagesIn(socket: TestSocket, group: string): Message[] {
  return socket.history.filter((f) => f.event === 'message').map((f) => f.data as Message).filter((m) => m.group === group);
}

async function readiness(server: RunningServer): Promise<number> {
  return (await fetch(`${server.baseUrl}/api/health/ready`)).status;
}

function expectAlive(servers: RunningServer[]): void {
  for (const server of servers) expect({ port: server.port, exitCode: server.process.exitCode, signal: server.process.signalCode }).toEqual({ port: server.port, exitCode: null, signal: null });
}

/**
 * The socket got every message of the group, in seq order, up to the
 * group's newest. A seq may come twice only as the echo of one of the
 * reader's own resends (the contract's answer to a repeated clientMsgId,
 * when the first echo was still on its way): a client drops it by seq.
 */
async function expectWhole(socket: TestSocket, reader: TestUser, group: string): Promise<void> {
  const stored = await fullHistory(reader, group);
  const lastSeq = stored[stored.length - 1].seq;
  await waitFor(`socket holds seq ${lastSeq}`, async () => messagesIn(socket, group).some((m) => m.seq === lastSeq), RECOVERY_MS);
  const seen = new Set<number>();
  const firsts: number[] = [];
  for (const message of messagesIn(socket, group)) {
    if (!seen.has(message.seq)) firsts.push(message.seq);
    else expect({ seq: message.seq, sender: message.sender.id }).toEqual({ seq: message.seq, sender: reader.user.id });
    seen.add(message.seq);
  }
  expect(firsts).toEqual(range(1, lastSeq));
}

/** Every message stored once: no clientMsgId twice for one sender, every acknowledged one there. */
function expectStoredOnce(stored: Message[], chatters: Chatter[]): void {
  const keys = stored.map((m) => `${m.sender.id}/${m.clientMsgId}`);
  expect(new Set(keys).size).toBe(keys.length);
  for (const chatter of chatters) {
    const mine = new Set(stored.filter((m) => m.sender.id === chatter.user.user.id).map((m) => m.clientMsgId));
    expect([...chatter.acknowledged()].filter((id) => !mine.has(id))).toEqual([]);
  }
}

/**
 * Two instances on PostgreSQL and Redis, with people chatting across them,
 * while Redis and then PostgreSQL go away for a few seconds and come back.
 * Nobody's process dies, nothing acknowledged is lost or stored twice,
 * nothing is refused as if it were the client's fault, and once the
 * dependency is back everything works again without a restart.
 */
describe(`two instances survive outages (${realOutages ? 'the machine\'s services stopped' : 'connections cut by a relay'})`, () => {
  const prefix = uniqueRedisPrefix('outage');
  let database: { url: string; drop: () => Promise<void> };
  let postgres: Outage;
  let redis: Outage;
  const servers: RunningServer[] = [];
  const sockets: TestSocket[] = [];
  let ana: TestUser, ben: TestUser;
  let group: string;
  let anaSocket: TestSocket, benSocket: TestSocket;

  const connect = async (server: RunningServer, user: TestUser) => {
    const socket = await TestSocket.open(`${server.wsUrl}?token=${encodeURIComponent(user.token)}`);
    sockets.push(socket);
    await socket.next('ready');
    return socket;
  };

  beforeAll(async () => {
    database = await createDatabase();
    postgres = await outageOf('postgres', { host: POSTGRES.hostname, port: Number(POSTGRES.port) || 5432 });
    redis = await outageOf('redis', { host: REDIS.hostname, port: Number(REDIS.port) || 6379 });
    const databaseUrl = new URL(database.url);
    databaseUrl.hostname = '127.0.0.1';
    databaseUrl.port = String(postgres.port);
    const redisUrl = new URL(REDIS_URL);
    redisUrl.hostname = '127.0.0.1';
    redisUrl.port = String(redis.port);
    const env = { DATABASE_URL: databaseUrl.toString(), REDIS_URL: redisUrl.toString(), REDIS_PREFIX: prefix, AUTH_SECRET: 'outage-secret', WS_RATE_LIMIT: '0', PASSWORD_HASH_COST: '10' };
    servers.push(await startServer(env), await startServer(env));
    const [a, b] = servers;
    ana = await registerUser(a.baseUrl, 'Ana');
    ben = on(await registerUser(a.baseUrl, 'Ben'), b);
    group = (await createGroup(ana, uniqueGroupName('outage'))).name;
    await joinGroup(ben, group);
    anaSocket = await connect(a, ana);
    benSocket = await connect(b, ben);
  }, 90000);

  afterAll(async () => {
    // Whatever happened, the machine's services are running again for the specs after this one.
    await Promise.allSettled([postgres?.dispose(), redis?.dispose()]);
    await Promise.all(sockets.map((s) => s.closeAndWait()));
    await Promise.all(servers.map((s) => s.stop()));
    await database?.drop();
    await deleteRedisKeys(prefix);
  }, 60000);

  it('Redis: each instance keeps serving its own sockets in order; once back, messages cross again, missed ones are delivered, a logout and a leave made meanwhile take effect', async () => {
    const [a, b] = servers;
    const dan = await registerUser(a.baseUrl, 'Dan');
    const eve = await registerUser(a.baseUrl, 'Eve');
    await joinGroup(dan, group);
    await joinGroup(eve, group);
    const danSocket = await connect(a, dan);
    const eveSocket = await connect(a, eve);
    const anaChat = new Chatter(ana, anaSocket, group);
    const benChat = new Chatter(ben, benSocket, group);
    anaChat.start();
    benChat.start();
    await sleep(300);

    await redis.cut();
    try {
      await waitFor('readiness 503 on both', async () => (await readiness(a)) === 503 && (await readiness(b)) === 503, 10000);
      // Local delivery goes on: a message sent now is acknowledged by its own instance.
      const sentDuring = anaChat.send();
      await anaSocket.next('message', (m) => m.clientMsgId === sentDuring, 5000);
      // A logout and a leave through the other instance, which only Redis would have told A about.
      expect((await on(dan, b).api.post('/api/auth/logout')).status).toBe(204);
      expect((await on(eve, b).api.delete(`/api/groups/${encodeURIComponent(group)}/members/me`)).status).toBe(204);
      await sleep(OUTAGE_MS);
      expectAlive(servers);
    } finally {
      await redis.restore();
    }

    await waitFor('readiness 200 on both', async () => (await readiness(a)) === 200 && (await readiness(b)) === 200, 20000);
    expect(await danSocket.waitForClose(RECOVERY_MS)).toMatchObject({ code: 4401 });
    expect(await eveSocket.next('member', (m) => m.group === group && !m.joined, RECOVERY_MS)).toMatchObject({ user: { id: eve.user.id }, joined: false });
    anaChat.stop();
    benChat.stop();

    const crossing = anaChat.send();
    await benSocket.next('message', (m) => m.clientMsgId === crossing, RECOVERY_MS);
    const back = benChat.send();
    await anaSocket.next('message', (m) => m.clientMsgId === back, RECOVERY_MS);
    await anaChat.resendUntilAcknowledged(5000);
    await benChat.resendUntilAcknowledged(5000);

    expect([...anaChat.errors(), ...benChat.errors()]).toEqual([]);
    expectStoredOnce(await fullHistory(ana, group), [anaChat, benChat]);
    await expectWhole(anaSocket, ana, group);
    await expectWhole(benSocket, ben, group);
    // Eve left: what was sent after A learnt it does not reach her.
    expect(messagesIn(eveSocket, group).map((m) => m.clientMsgId)).not.toContain(crossing);
    expectAlive(servers);
  }, 90000);

  it('PostgreSQL: REST answers 503, sends are refused as unavailable (never bad_request) and stored once when sent again; once back, everything works without a restart', async () => {
    const [a, b] = servers;
    const anaChat = new Chatter(ana, anaSocket, group);
    const benChat = new Chatter(ben, benSocket, group);
    anaChat.start();
    benChat.start();
    await sleep(300);

    await postgres.cut();
    try {
      await waitFor('readiness 503 on both', async () => (await readiness(a)) === 503 && (await readiness(b)) === 503, 10000);
      let answer = await ana.api.get('/api/groups');
      await waitFor('REST 503', async () => (answer = await ana.api.get('/api/groups')).status === 503, 10000);
      expect(answer.body).toEqual({ statusCode: 503, message: expect.any(String), error: 'Service Unavailable' });
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      const refused = await anaSocket.next('error', (e) => e.code === 'unavailable', 10000);
      expect(anaChat.sent).toContain(refused.clientMsgId);
      // A socket opened now cannot have its token checked: "try again later", not "unauthorized".
      const late = await TestSocket.open(`${b.wsUrl}?token=${encodeURIComponent(ben.token)}`);
      sockets.push(late);
      expect(await late.waitForClose(10000)).toMatchObject({ code: 1013 });
      await sleep(OUTAGE_MS);
      expectAlive(servers);
    } finally {
      await postgres.restore();
    }

    await waitFor('readiness 200 on both', async () => (await readiness(a)) === 200 && (await readiness(b)) === 200, 30000);
    anaChat.stop();
    benChat.stop();
    expect((await ana.api.get('/api/groups')).status).toBe(200);
    await anaChat.resendUntilAcknowledged(15000);
    await benChat.resendUntilAcknowledged(15000);
    const crossing = anaChat.send();
    await benSocket.next('message', (m) => m.clientMsgId === crossing, RECOVERY_MS);

    const codes = new Set([...anaChat.errors(), ...benChat.errors()].map((e) => e.code));
    expect([...codes]).toEqual(['unavailable']);
    expectStoredOnce(await fullHistory(ana, group), [anaChat, benChat]);
    await expectWhole(anaSocket, ana, group);
    await expectWhole(benSocket, ben, group);
    // A new connection works again.
    await connect(b, ben);
    expectAlive(servers);
  }, 120000);
});
