import { WsCloseCode } from '@chat/protocol';
import type { Message } from '@chat/protocol';
import WebSocket from 'ws';
import { ApiClient, createGroup, joinGroup, TestUser } from '../support/api-client';
import { fullHistory, range, registerUsers } from '../support/chat';
import { createDatabase } from '../support/databases';
import { signalAndWait } from '../support/exit';
import { RunningServer, startServer } from '../support/server';

/** Sends outstanding at once per socket: a stream, not one message per round trip. */
const WINDOW = 8;

/**
 * One socket sending as fast as its echoes come back: every message whose
 * echo arrived (the acknowledgement) is recorded.
 */
class Sender {
  readonly acked: string[] = [];
  private sent = 0;
  private outstanding = 0;
  readonly closed: Promise<number>;
  private readonly ws: WebSocket;

  constructor(url: string, private readonly group: string, private readonly prefix: string) {
    this.ws = new WebSocket(url);
    this.closed = new Promise((done) => this.ws.on('close', (code) => done(code)));
    this.ws.on('message', (raw) => {
      const frame = JSON.parse(raw.toString());
      if (frame.event === 'ready') for (let i = 0; i < WINDOW; i++) this.sendNext();
      if (frame.event === 'message' && (frame.data as Message).clientMsgId.startsWith(`${this.prefix}-`)) {
        this.acked.push(frame.data.clientMsgId);
        this.outstanding -= 1;
        this.sendNext();
      }
    });
  }

  private sendNext(): void {
    if (this.ws.readyState !== WebSocket.OPEN || this.outstanding >= WINDOW) return;
    this.sent += 1;
    this.outstanding += 1;
    this.ws.send(JSON.stringify({ event: 'send', data: { group: this.group, text: `${this.prefix} ${this.sent}`, clientMsgId: `${this.prefix}-${this.sent}` } }));
  }
}

describe('graceful shutdown with PostgreSQL', () => {
  let database: { url: string; drop: () => Promise<void> };
  let server: RunningServer | undefined;
  const env = () => ({ DATABASE_URL: database.url, AUTH_SECRET: 'shutdown-test-secret', WS_RATE_LIMIT: '0', PASSWORD_HASH_COST: '10' });

  beforeAll(async () => {
    database = await createDatabase();
  });

  afterAll(async () => {
    await server?.stop();
    await database.drop();
  });

  it('SIGTERM mid-stream: exit 0 within 10 s, sockets closed with 1001, every acknowledged message stored, seqs gapless', async () => {
    server = await startServer(env());
    const users = await registerUsers(server.baseUrl, 4, 'Streamer');
    const group = await createGroup(users[0]);
    for (const user of users.slice(1)) await joinGroup(user, group.name);

    // Five sockets (the first user has two tabs), all sending at once.
    const senders = [...users, users[0]].map((user, i) => new Sender(`${server?.wsUrl}?token=${encodeURIComponent(user.token)}`, group.name, `s${i}`));
    const total = () => senders.reduce((sum, s) => sum + s.acked.length, 0);
    await waitUntil(() => total() >= 200, 15_000);

    const exit = await signalAndWait(server.process, 'SIGTERM');
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(10_000);
    expect(await Promise.all(senders.map((s) => s.closed))).toEqual(senders.map(() => WsCloseCode.GoingAway));

    server = await startServer(env());
    const reader: TestUser = { ...users[0], api: new ApiClient(server.baseUrl, users[0].token) };
    const history = await fullHistory(reader, group.name);
    const stored = new Set(history.map((m) => m.clientMsgId));
    const acked = senders.flatMap((s) => s.acked);
    expect(acked.filter((id) => !stored.has(id))).toEqual([]);
    expect(history.map((m) => m.seq)).toEqual(range(1, history.length));
    expect(stored.size).toBe(history.length);
    // The drain: every send the server took was stored and acknowledged before its socket closed;
    // those that arrived later were not taken (their clients resend them after reconnecting).
    expect(history.length).toBe(acked.length);
    console.log(`shutdown: ${acked.length} acknowledged, ${history.length} stored, exit 0 after ${exit.ms} ms`);
  }, 60_000);
});

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
