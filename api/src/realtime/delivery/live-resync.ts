import { WsCloseCode } from '@chat/protocol';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DmsService } from '../../dms/dms.service';
import { LiveEvents } from '../../events/live-events';
import { GroupsRepository } from '../../storage/groups.repository';
import { RevokedTokensRepository } from '../../storage/revoked-tokens.repository';
import { ConnectionRegistry } from './connection-registry';
import { LiveFanOut } from './live-fan-out';

/** Tokens per revocation look-up, users whose memberships are read at once. */
const TOKENS_PER_QUERY = 500;
const USERS_AT_ONCE = 8;
/** Storage was unreachable too: try the whole resync again after this. */
const RETRY_MS = 5_000;

/**
 * After the live-events bus was interrupted (a `resync` event, see
 * RedisLiveEvents), this instance's sockets may have missed what other
 * instances published meanwhile. Nothing of that is replayed by Redis, so
 * the truth is read back from storage, security first:
 * 1. sockets whose token was revoked (a logout elsewhere) close with 4401;
 * 2. each connected user's groups are read again: a group left elsewhere
 *    stops reaching their sockets, a group joined elsewhere starts, and
 *    their sockets get the `member` event they missed (`dm` for a dm
 *    opened elsewhere);
 * 3. every group followed here delivers, from storage and in seq order,
 *    the messages after the last one its sockets got.
 * What is not re-read: `typing` (gone in 5 s anyway), other users'
 * `presence`, `read` from other tabs, `group` and other members'
 * `member` notices; a client sees those on its next reload or change.
 */
@Injectable()
export class LiveResync implements OnModuleInit {
  private readonly logger = new Logger(LiveResync.name);
  private running = false;
  private again = false;

  constructor(
    private readonly events: LiveEvents,
    private readonly registry: ConnectionRegistry,
    private readonly fanOut: LiveFanOut,
    private readonly revoked: RevokedTokensRepository,
    private readonly groups: GroupsRepository,
    private readonly dms: DmsService,
  ) {}

  onModuleInit(): void {
    this.events.subscribe((event) => event.type === 'resync' && this.request());
  }

  /** Runs a resync now, or once more after the one running (whose reads may predate the cause). */
  request(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.runUntilCurrent().finally(() => (this.running = false));
  }

  private async runUntilCurrent(): Promise<void> {
    do {
      this.again = false;
      const started = Date.now();
      try {
        await this.closeRevokedSockets();
        await this.reconcileMemberships();
        await this.catchUpGroups();
        this.logger.log({ ms: Date.now() - started, connections: this.registry.size }, 'resynced live state from storage');
      } catch (error) {
        this.logger.warn({ err: error }, `resync failed; trying again in ${RETRY_MS / 1000} s`);
        setTimeout(() => this.request(), RETRY_MS).unref();
        return;
      }
    } while (this.again);
  }

  private async closeRevokedSockets(): Promise<void> {
    const tokenIds = [...new Set([...this.registry.connections()].map((connection) => connection.session.tokenId))];
    for (let i = 0; i < tokenIds.length; i += TOKENS_PER_QUERY) {
      for (const tokenId of await this.revoked.revokedAmong(tokenIds.slice(i, i + TOKENS_PER_QUERY))) {
        for (const connection of [...this.registry.connectionsOfToken(tokenId)]) connection.close(WsCloseCode.Unauthorized, 'Session ended');
      }
    }
  }

  private async reconcileMemberships(): Promise<void> {
    const users = [...this.registry.userIds()];
    for (let i = 0; i < users.length; i += USERS_AT_ONCE) {
      await Promise.all(users.slice(i, i + USERS_AT_ONCE).map((userId) => this.reconcileUser(userId)));
    }
  }

  /**
   * Only differences that no live event settled while storage was read are
   * acted on: a join or leave delivered meanwhile is newer than the read.
   */
  private async reconcileUser(userId: string): Promise<void> {
    const before = new Set(this.registry.groupsOf(userId));
    const stored = await this.groups.listJoined(userId);
    const now = this.registry.groupsOf(userId);
    const connections = this.registry.connectionsOf(userId);
    const [first] = connections;
    if (!first) return; // gone meanwhile
    const storedKeys = new Set(stored.map((group) => group.key));
    for (const group of stored) {
      if (before.has(group.key) || now.has(group.key)) continue;
      this.fanOut.follow(userId, group.key, group);
      if (group.kind === 'dm') await this.announceDm(userId, group.key);
      else for (const connection of connections) connection.emit('member', { group: group.name, user: first.user, joined: true });
    }
    for (const key of before) {
      if (storedKeys.has(key) || !now.has(key)) continue;
      this.registry.unsubscribe(userId, key);
      const group = await this.groups.findByKey(key);
      if (!group) continue;
      for (const connection of this.registry.connectionsOf(userId)) connection.emit('member', { group: group.name, user: first.user, joined: false });
    }
  }

  /** The `dm` event a user missed: their own view of it, as read now. */
  private async announceDm(userId: string, key: string): Promise<void> {
    const view = await this.dms.view(key, userId);
    if (view) for (const connection of this.registry.connectionsOf(userId)) connection.emit('dm', view);
  }

  private async catchUpGroups(): Promise<void> {
    for (const key of [...this.registry.groupKeys()]) await this.fanOut.catchUp(key);
  }
}
