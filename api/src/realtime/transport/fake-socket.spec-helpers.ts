import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import type { UserRecord } from '../../storage/records';
import { Connection } from './connection';

/** A test double of a `ws` socket: records what is written to it and how it was closed. */
export class FakeSocket extends EventEmitter {
  readyState: number = WebSocket.OPEN;
  bufferedAmount = 0;
  readonly sent: Buffer[] = [];
  closedWith?: { code: number; reason: string };
  terminated = false;

  send(data: Buffer): void {
    this.sent.push(data);
  }

  close(code: number, reason: string): void {
    this.closedWith = { code, reason };
    this.readyState = WebSocket.CLOSING;
  }

  terminate(): void {
    this.terminated = true;
    this.readyState = WebSocket.CLOSED;
  }

  ping(): void {
    /* nothing to do */
  }

  /** The frames written so far, decoded. */
  frames(): Array<{ event: string; data: unknown }> {
    return this.sent.map((frame) => JSON.parse(frame.toString('utf8')));
  }
}

export function fakeUser(name: string): UserRecord {
  return { id: `id-${name}`, email: `${name}@example.com`, displayName: name, passwordHash: 'x', createdAt: new Date() };
}

/** A Connection of `user` around a FakeSocket, with its own token unless one is given. */
export function fakeConnection(user: UserRecord, tokenId = `token-${Math.random()}`): Connection & { socket: FakeSocket } {
  const session = { user, tokenId, expiresAt: new Date(Date.now() + 60_000) };
  const publicUser = { id: user.id, displayName: user.displayName };
  return new Connection(new FakeSocket() as unknown as WebSocket, session, publicUser, 0) as Connection & { socket: FakeSocket };
}
