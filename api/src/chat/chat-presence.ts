import { Injectable } from '@nestjs/common';
import { LiveEvents } from '../events/live-events';
import { PresenceRepository } from '../storage/presence.repository';
import type { Connection } from './connection';
import { ConnectionRegistry } from './connection-registry';

/**
 * Counts each user's connections and announces `presence` only when the
 * first opens or the last closes, to the users who share a group with them.
 */
@Injectable()
export class ChatPresence {
  /** Connections counted in the repository, so each is uncounted exactly once. */
  private readonly counted = new WeakSet<Connection>();

  constructor(
    private readonly presence: PresenceRepository,
    private readonly registry: ConnectionRegistry,
    private readonly events: LiveEvents,
  ) {}

  async opened(connection: Connection): Promise<void> {
    const first = await this.presence.connect(connection.userId);
    this.counted.add(connection);
    // It may have closed while we were counting it.
    if (connection.closed) return this.closed(connection);
    if (first) this.announce(connection, true);
  }

  async closed(connection: Connection): Promise<void> {
    if (!this.counted.has(connection)) return;
    this.counted.delete(connection);
    if (await this.presence.disconnect(connection.userId)) this.announce(connection, false);
  }

  private announce(connection: Connection, online: boolean): void {
    const groupKeys = [...this.registry.groupsOf(connection.userId)];
    this.events.publish({ type: 'presence', user: connection.user, online, groupKeys });
  }
}
