import { WsCloseCode } from '@chat/protocol';
import { Injectable, Logger } from '@nestjs/common';
import { LiveEvents } from '../../events/live-events';
import { ConnectionRegistry } from '../delivery/connection-registry';
import { closeAll } from './close-sockets';
import { ShutdownState } from './shutdown-state';

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
    private readonly shutdown: ShutdownState,
    private readonly registry: ConnectionRegistry,
    private readonly events: LiveEvents,
  ) {}

  async drain(): Promise<void> {
    await this.shutdown.begin();
    // With Redis, an echo comes back through Redis: wait until ours have.
    await this.events.settle();
    const sockets = [...this.registry.connections()].map((connection) => connection.socket);
    this.logger.log({ connections: sockets.length }, 'closing WebSockets for shutdown');
    await closeAll(sockets, WsCloseCode.GoingAway, 'Server shutting down');
  }
}
