import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { ConnectionRegistry } from '../delivery/connection-registry';

/**
 * At most `WS_MAX_CONNECTIONS_PER_USER` open sockets per user, counted on
 * this instance (with Redis, each instance applies the cap on its own, so a
 * user spread over N instances may hold up to N times as many). One token
 * could otherwise take every socket the server has, and every event to the
 * user is written once per socket.
 */
@Injectable()
export class ConnectionCap {
  constructor(
    private readonly registry: ConnectionRegistry,
    private readonly config: AppConfig,
  ) {}

  /**
   * True when the user already holds the maximum here. Exact only if the
   * caller registers the new connection with no `await` in between: that
   * stretch runs without interleaving, so simultaneous handshakes of one
   * user cannot all see room for one more.
   */
  isFull(userId: string): boolean {
    return this.registry.connectionsOf(userId).size >= this.config.wsMaxConnectionsPerUser;
  }
}
