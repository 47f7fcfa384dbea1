import type { ServerEventName, ServerEvents, User } from '@chat/protocol';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { Session } from '../../auth/session';
import { encodeFrame } from './frame-encoder';
import { RateLimiter } from './rate-limiter';

/**
 * A client that reads slower than we write: once this much is queued on its
 * socket it is dropped (it can reconnect and catch up) rather than letting
 * the server's memory grow without bound.
 */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** One open, authenticated WebSocket. */
export class Connection {
  readonly id = randomUUID();
  readonly userId: string;
  /** The user as others see it (in `presence`); `ready` sends the owner's own shape instead. */
  readonly user: User;
  readonly limiter: RateLimiter;
  /** Answered the last ping (see Heartbeat). */
  alive = true;
  /** Closed by the client or the server. */
  closed = false;

  constructor(
    readonly socket: WebSocket,
    readonly session: Session,
    user: User,
    rateLimit: number,
  ) {
    this.userId = session.user.id;
    this.user = user;
    this.limiter = new RateLimiter(rateLimit);
  }

  emit<E extends ServerEventName>(event: E, data: ServerEvents[E]): void {
    this.write(encodeFrame(event, data));
  }

  /** Writes an already encoded frame (fan-out encodes once for everybody). */
  write(frame: Buffer): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.socket.terminate();
      return;
    }
    this.socket.send(frame, { binary: false });
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) {
      this.socket.close(code, reason);
    }
  }
}
