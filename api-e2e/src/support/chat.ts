import type WebSocket from 'ws';
import type { Group, GroupDetail, Member, Message, ReadyEvent } from '@chat/protocol';
import { registerUser, TestUser } from './api-client';
import type { RunningServer } from './server';
import { TestSocket } from './ws-client';

let idCounter = 0;
/** A clientMsgId no other frame of this run uses. */
export function clientMsgId(prefix = 'm'): string {
  idCounter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${idCounter}`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Registers `count` users in parallel (hashing is slow: keep counts small). */
export function registerUsers(baseUrl: string, count: number, prefix = 'User'): Promise<TestUser[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => registerUser(baseUrl, `${prefix}${i + 1}`)));
}

/**
 * Opens sockets against one server and remembers them, so `closeAll` (in
 * afterEach/afterAll) leaves nothing open whatever a test did.
 */
export class SocketPool {
  private readonly sockets: TestSocket[] = [];

  constructor(private readonly server: () => RunningServer) {}

  /** An authenticated socket, after its `ready`. */
  async connect(user: { token: string }): Promise<ConnectedSocket> {
    const socket = await this.open(`${this.server().wsUrl}?token=${encodeURIComponent(user.token)}`);
    const ready = await socket.next('ready');
    return Object.assign(socket, { ready });
  }

  /** A raw socket to any `/ws...` URL (open, nothing awaited after that). */
  async open(url: string, options: WebSocket.ClientOptions = {}): Promise<TestSocket> {
    const socket = await TestSocket.open(url, options);
    this.sockets.push(socket);
    return socket;
  }

  async closeAll(): Promise<void> {
    const all = this.sockets.splice(0, this.sockets.length);
    await Promise.all(all.map((s) => s.closeAndWait()));
  }
}

/** A socket opened by `SocketPool.connect`, which knows its user from `ready`. */
export type ConnectedSocket = TestSocket & { ready: ReadyEvent };

/**
 * Sends a message and waits for its echo on the same socket. On a socket from
 * `SocketPool.connect` the echo must also come from the socket's user (another
 * member may use the same clientMsgId). `extra` goes into the frame's data
 * too (`replyTo`).
 */
export async function sendMessage(socket: TestSocket, group: string, text: string, id = clientMsgId(), extra: Record<string, unknown> = {}): Promise<Message> {
  const me = (socket as Partial<ConnectedSocket>).ready?.user.id;
  socket.send('send', { group, text, clientMsgId: id, ...extra });
  return socket.next('message', (m) => m.clientMsgId === id && m.group === group && (me === undefined || m.sender.id === me));
}

/** Sends `count` messages one after the other, each after the echo of the previous one. */
export async function sendMessages(socket: TestSocket, group: string, count: number, prefix = 'msg'): Promise<Message[]> {
  const out: Message[] = [];
  for (let i = 0; i < count; i++) out.push(await sendMessage(socket, group, `${prefix} ${i + 1}`));
  return out;
}

/**
 * Proves a connection is still open and working: a valid `send` on it is
 * stored and echoed.
 */
export async function expectUsable(socket: TestSocket, group: string): Promise<Message> {
  expect(socket.isOpen).toBe(true);
  const text = `still alive ${clientMsgId()}`;
  const echoed = await sendMessage(socket, group, text);
  expect(echoed.text).toBe(text);
  return echoed;
}

export async function getGroup(user: TestUser, name: string): Promise<GroupDetail> {
  const res = await user.api.get<GroupDetail>(`/api/groups/${encodeURIComponent(name)}`);
  if (res.status !== 200) throw new Error(`get group failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The members a group detail lists, which only a member's view has. */
export function membersOf(detail: GroupDetail): Member[] {
  if (!detail.members) throw new Error(`group "${detail.name}" came without members: the caller is not a member`);
  return detail.members;
}

export async function listGroups(user: TestUser): Promise<Group[]> {
  const res = await user.api.get<Group[]>('/api/groups');
  if (res.status !== 200) throw new Error(`list groups failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function leaveGroup(user: TestUser, name: string): Promise<void> {
  const res = await user.api.delete(`/api/groups/${encodeURIComponent(name)}/members/me`);
  if (res.status !== 204) throw new Error(`leave failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Reads the whole history of a group in pages of `pageSize`, oldest first. */
export async function fullHistory(user: TestUser, name: string, pageSize = 100): Promise<Message[]> {
  const out: Message[] = [];
  let after = 0;
  for (;;) {
    const res = await user.api.get<Message[]>(`/api/groups/${encodeURIComponent(name)}/messages?after=${after}&limit=${pageSize}`);
    if (res.status !== 200) throw new Error(`history failed: ${res.status} ${JSON.stringify(res.body)}`);
    out.push(...res.body);
    if (res.body.length < pageSize) return out;
    after = res.body[res.body.length - 1].seq;
  }
}

/** 1, 2, ..., n */
export function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}
