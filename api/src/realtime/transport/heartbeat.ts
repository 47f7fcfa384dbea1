import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import type { Connection } from './connection';
import { ConnectionRegistry } from '../delivery/connection-registry';

/**
 * Pings every connection each interval (30 s by default) and drops one that
 * did not answer the previous ping: a peer that vanished without closing
 * (a laptop lid, a dead network) must not keep its presence and buffers.
 */
@Injectable()
export class Heartbeat implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(Heartbeat.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly registry: ConnectionRegistry,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => this.beat(), this.config.wsPingIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Called once per connection when it opens. */
  watch(connection: Connection): void {
    connection.socket.on('pong', () => {
      connection.alive = true;
    });
  }

  private beat(): void {
    for (const connection of this.registry.connections()) {
      if (!connection.alive) {
        this.logger.log({ userId: connection.userId, connectionId: connection.id }, 'ws connection dropped: no pong');
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
    }
  }
}
