import { WsCloseCode } from '@chat/protocol';
import { Injectable, OnModuleInit } from '@nestjs/common';
import type { LiveEvent } from '../../events/live-event';
import { LiveEvents } from '../../events/live-events';
import { encodeFrame } from '../transport/frame-encoder';
import { ConnectionRegistry } from './connection-registry';
import { HistoryPosition, MessageSequencer } from './message-sequencer';
import { toCoMembers, toMembers, toUser } from './recipients';

/**
 * Delivers live events to this instance's sockets. Each event is encoded
 * once and the same bytes are written to every recipient; recipients come
 * from the registry's O(1) indexes, never from storage. Messages go through
 * the sequencer, which writes them in rev order (MessageDelivery).
 */
@Injectable()
export class LiveFanOut implements OnModuleInit {
  constructor(
    private readonly events: LiveEvents,
    private readonly registry: ConnectionRegistry,
    private readonly sequencer: MessageSequencer,
  ) {}

  /**
   * Routes a group's events to a user's connections here. The first local
   * member fixes where this instance's rev order starts: right after the
   * lastRev they saw (older changes reach them through catch-up).
   */
  follow(userId: string, groupKey: string, position: HistoryPosition): void {
    if (this.registry.membersOf(groupKey).size === 0) this.sequencer.reset(groupKey, position);
    this.registry.subscribe(userId, groupKey);
  }

  /** Delivers from storage what this instance's sockets may have missed of a group (see LiveResync). */
  catchUp(groupKey: string): Promise<void> {
    return this.sequencer.catchUp(groupKey);
  }

  onModuleInit(): void {
    this.events.subscribe((event) => this.deliver(event));
  }

  deliver(event: LiveEvent): void {
    switch (event.type) {
      case 'change':
        // The time rides along with the change, for the latency metric (a held one is written later).
        return this.sequencer.accept(event.groupKey, event.change, performance.now());
      case 'typing':
        toMembers(this.registry, event.groupKey, encodeFrame('typing', { group: event.group, user: event.user }), event.user.id);
        return;
      case 'read':
        toUser(this.registry, event.userId, encodeFrame('read', { group: event.group, seq: event.seq }), event.originConnectionId);
        return;
      case 'presence':
        return toCoMembers(this.registry, event.user.id, event.groupKeys, encodeFrame('presence', { user: event.user, online: event.online }));
      case 'member':
        return this.onMember(event);
      case 'group':
        return this.onGroup(event);
      case 'dm':
        return this.onDm(event);
      case 'session-revoked':
        for (const connection of [...this.registry.connectionsOfToken(event.tokenId)]) {
          connection.close(WsCloseCode.Unauthorized, 'Session ended');
        }
        return;
      case 'resync':
        return; // LiveResync's
    }
  }

  /** The joiner starts receiving the group here before the notice goes out; a leaver still hears it. */
  private onMember(event: Extract<LiveEvent, { type: 'member' }>): void {
    const frame = encodeFrame('member', { group: event.group, user: event.user, joined: event.joined });
    if (event.joined) {
      if (this.registry.connectionsOf(event.user.id).size > 0) this.follow(event.user.id, event.groupKey, event);
      toMembers(this.registry, event.groupKey, frame);
    } else {
      toMembers(this.registry, event.groupKey, frame);
      if (this.registry.membersOf(event.groupKey).has(event.user.id)) this.registry.unsubscribe(event.user.id, event.groupKey);
      else toUser(this.registry, event.user.id, frame);
    }
  }

  /** Only the two people hear of a dm, and its events reach them from the start. */
  private onDm(event: Extract<LiveEvent, { type: 'dm' }>): void {
    const frame = encodeFrame('dm', event.dm);
    for (const userId of event.memberIds) {
      if (this.registry.connectionsOf(userId).size === 0) continue;
      this.follow(userId, event.groupKey, event.dm);
      toUser(this.registry, userId, frame);
    }
  }

  private onGroup(event: Extract<LiveEvent, { type: 'group' }>): void {
    if (this.registry.connectionsOf(event.creatorId).size > 0) this.follow(event.creatorId, event.groupKey, event.group);
    const forCreator = encodeFrame('group', event.creatorView);
    const forOthers = encodeFrame('group', event.group);
    for (const connection of this.registry.connections()) {
      connection.write(connection.userId === event.creatorId ? forCreator : forOthers);
    }
  }
}
