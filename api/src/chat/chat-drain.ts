import { WsCloseCode } from '@chat/protocol';
import { Injectable, Logger } from '@nestjs/common';
import type WebSocket from 'ws';
import { LiveEvents } from '../events/live-events';
import { ConnectionRegistry } from './connection-registry';
import { FrameHandler } from './frame-handler';

/** How long a client gets to answer our close frame before its socket is cut. */
export const CLOSE_GRACE_MS = 2000;

/**
 * The chat's part of a graceful shutdown: finish the frames already taken
 * (each send stored and its echo written, which is its acknowledgement),
 * then close every socket with 1001 so clients reconnect, elsewhere or
 * once the server is back. Called before the database and Redis close.
 */
@Injectable()
export class ChatDrain {
  private readonly logger = new Logger(ChatDrain.name);

  constructor(
    private readonly frames: FrameHandler,
    private readonly registry: ConnectionRegistry,
    private readonly events: LiveEvents,
  ) {}

  async drain(): Promise<void> {
    await this.frames.finish();
    // With Redis, an echo comes back through Redis: wait until ours have.
    await this.events.settle();
    const sockets = [...this.registry.connections()].map((connection) => connection.socket);
    this.logger.log({ connections: sockets.length }, 'closing WebSockets for shutdown');
    await closeAll(sockets, WsCloseCode.GoingAway, 'Server shutting down');
  }
}

/**
 * Closes the sockets (the close frame follows whatever was written before
 * it) and waits until they are closed; one whose client does not answer
 * within CLOSE_GRACE_MS is cut, rather than waiting ws's 30 s.
 */
export async function closeAll(sockets: Iterable<WebSocket>, code: number, reason: string): Promise<void> {
  const closing = [...sockets].map(
    (socket) =>
      new Promise<void>((done) => {
        if (socket.readyState === socket.CLOSED) return done();
        socket.once('close', () => done());
        const cut = setTimeout(() => socket.terminate(), CLOSE_GRACE_MS);
        cut.unref();
        socket.once('close', () => clearTimeout(cut));
        if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(code, reason);
      }),
  );
  await Promise.all(closing);
}
