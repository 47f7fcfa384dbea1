import type { Message } from '@chat/protocol';
import WebSocket from 'ws';
import { ApiClient, createGroup, joinGroup, TestUser } from './api-client';
import { fullHistory, range, registerUsers } from './chat';
import { Exit, signalAndWait } from './exit';
import type { RunningServer } from './server';

/** Sends outstanding at once per socket: a stream, not one message per round trip. */
const WINDOW = 8;

/** One socket sending as fast as its echoes (the acknowledgements) come back; it records them. */
class Sender {
  readonly acked: string[] = [];
  readonly closed: Promise<number>;
  private readonly ws: WebSocket;
  private sent = 0;
  private outstanding = 0;

  constructor(
    url: string,
    private readonly group: string,
    private readonly prefix: string,
  ) {
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
    const data = { group: this.group, text: `${this.prefix} ${this.sent}`, clientMsgId: `${this.prefix}-${this.sent}` };
    this.ws.send(JSON.stringify({ event: 'send', data }));
  }
}

export interface StreamResult {
  exit: Exit;
  /** How each socket was closed. */
  closeCodes: number[];
  /** clientMsgIds whose echo arrived before the socket closed. */
  acked: string[];
  /** Reads the group's whole history from the server given (after a restart). */
  history(server: RunningServer): Promise<Message[]>;
}

/**
 * Five sockets (four users, the first with two tabs) stream sends into one
 * group; once 200 are acknowledged the server gets SIGTERM mid-stream.
 */
export async function sigtermMidStream(server: RunningServer): Promise<StreamResult> {
  const users = await registerUsers(server.baseUrl, 4, 'Streamer');
  const group = await createGroup(users[0]);
  for (const user of users.slice(1)) await joinGroup(user, group.name);
  const senders = [...users, users[0]].map((user, i) => new Sender(`${server.wsUrl}?token=${encodeURIComponent(user.token)}`, group.name, `s${i}`));
  const acknowledged = () => senders.reduce((sum, s) => sum + s.acked.length, 0);
  await waitUntil(() => acknowledged() >= 200, 15_000);

  const exit = await signalAndWait(server.process, 'SIGTERM');
  const closeCodes = await Promise.all(senders.map((s) => s.closed));
  return {
    exit,
    closeCodes,
    acked: senders.flatMap((s) => s.acked),
    history: (restarted) => fullHistory(rebind(users[0], restarted), group.name),
  };
}

/** What a graceful shutdown promises, checked on the history read after a restart. */
export function expectNothingAcknowledgedLost(result: StreamResult, history: Message[]): void {
  const stored = new Set(history.map((m) => m.clientMsgId));
  expect(result.acked.filter((id) => !stored.has(id))).toEqual([]);
  expect(history.map((m) => m.seq)).toEqual(range(1, history.length));
  expect(stored.size).toBe(history.length);
  // The drain: every send the server took was stored and acknowledged before its socket closed;
  // those that arrived later were not taken (their clients resend them after reconnecting).
  expect(history.length).toBe(result.acked.length);
}

function rebind(user: TestUser, server: RunningServer): TestUser {
  return { ...user, api: new ApiClient(server.baseUrl, user.token) };
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
