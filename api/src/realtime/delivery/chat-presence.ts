import { Injectable, Logger } from '@nestjs/common';
import { LiveEvents } from '../../events/live-events';
import { PresenceRepository } from '../../storage/presence.repository';
import type { Connection } from '../transport/connection';
import { ConnectionRegistry } from './connection-registry';

/**
 * Counts each user's connections and announces `presence` only when the
 * first opens or the last closes, to the users who share a group with them.
 * Neither method rejects: while the presence store (Redis) is unreachable a
 * connection still opens and closes, only uncounted and unannounced (the
 * Redis adapter puts its counts right once it is back).
 */
@Injectable()
export class ChatPresence {
  private readonly logger = new Logger(ChatPresence.name);
  /** Connections counted in the repository, so each is uncounted exactly once. */
  private readonly counted = new WeakSet<Connection>();

  constructor(
    private readonly presence: PresenceRepository,
    private readonly registry: ConnectionRegistry,
    private readonly events: LiveEvents,
  ) {}

  /** Call once the connection is registered and subscribed to its groups. */
  async opened(connection: Connection): Promise<void> {
    let first: boolean;
    try {
      first = await this.presence.connect(connection.userId);
    } catch (error) {
      this.logger.warn({ err: error, userId: connection.userId }, 'presence not announced: its store is unreachable');
      first = false;
    }
    // Counted even if the store could not be told: the repository keeps count either way.
    this.counted.add(connection);
    // It may have closed while we were counting it: then it was never announced.
    if (connection.closed) return this.closed(connection, []);
    if (first) this.announce(connection, true, [...this.registry.groupsOf(connection.userId)]);
  }

  /**
   * `groupKeys`: the user's groups, read before the connection left the
   * registry (which forgets a user's groups with their last connection).
   */
  async closed(connection: Connection, groupKeys: string[]): Promise<void> {
    if (!this.counted.has(connection)) return;
    this.counted.delete(connection);
    let last: boolean;
    try {
      last = await this.presence.disconnect(connection.userId);
    } catch (error) {
      this.logger.warn({ err: error, userId: connection.userId }, 'presence not announced: its store is unreachable');
      return;
    }
    if (last && groupKeys.length > 0) this.announce(connection, false, groupKeys);
  }

  private announce(connection: Connection, online: boolean, groupKeys: string[]): void {
    this.events.publish({ type: 'presence', user: connection.user, online, groupKeys });
  }
}
