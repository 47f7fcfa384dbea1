import { Injectable } from '@nestjs/common';
import type { Connection } from '../transport/connection';

/**
 * This instance's open connections, indexed the ways fan-out needs them:
 * by user, by group (members with a connection here) and by token. Plain
 * `ws` has no rooms; these maps are the rooms, and every look-up is O(1).
 */
@Injectable()
export class ConnectionRegistry {
  private readonly byUser = new Map<string, Set<Connection>>();
  private readonly byToken = new Map<string, Set<Connection>>();
  /** group key → ids of users with a connection here who are members. */
  private readonly membersByGroup = new Map<string, Set<string>>();
  /** user id → group keys, for users with a connection here. */
  private readonly groupsByUser = new Map<string, Set<string>>();
  private readonly all = new Set<Connection>();

  add(connection: Connection): void {
    this.all.add(connection);
    addTo(this.byUser, connection.userId, connection);
    addTo(this.byToken, connection.session.tokenId, connection);
  }

  remove(connection: Connection): void {
    if (!this.all.delete(connection)) return;
    removeFrom(this.byUser, connection.userId, connection);
    removeFrom(this.byToken, connection.session.tokenId, connection);
    if (!this.byUser.has(connection.userId)) {
      for (const key of this.groupsByUser.get(connection.userId) ?? []) removeFrom(this.membersByGroup, key, connection.userId);
      this.groupsByUser.delete(connection.userId);
    }
  }

  /** Routes the group's events to the user's connections here, if any. */
  subscribe(userId: string, groupKey: string): void {
    if (!this.byUser.has(userId)) return;
    addTo(this.groupsByUser, userId, groupKey);
    addTo(this.membersByGroup, groupKey, userId);
  }

  unsubscribe(userId: string, groupKey: string): void {
    removeFrom(this.groupsByUser, userId, groupKey);
    removeFrom(this.membersByGroup, groupKey, userId);
  }

  connectionsOf(userId: string): ReadonlySet<Connection> {
    return this.byUser.get(userId) ?? EMPTY;
  }

  connectionsOfToken(tokenId: string): ReadonlySet<Connection> {
    return this.byToken.get(tokenId) ?? EMPTY;
  }

  /** Members of the group that have a connection here. */
  membersOf(groupKey: string): ReadonlySet<string> {
    return this.membersByGroup.get(groupKey) ?? EMPTY;
  }

  /** Keys of the groups with at least one member connected here. */
  groupKeys(): IterableIterator<string> {
    return this.membersByGroup.keys();
  }

  /** Ids of the users with a connection here. */
  userIds(): IterableIterator<string> {
    return this.byUser.keys();
  }

  groupsOf(userId: string): ReadonlySet<string> {
    return this.groupsByUser.get(userId) ?? EMPTY;
  }

  connections(): ReadonlySet<Connection> {
    return this.all;
  }

  get size(): number {
    return this.all.size;
  }

  /** Distinct users with a connection here. */
  get userCount(): number {
    return this.byUser.size;
  }
}

const EMPTY: ReadonlySet<never> = new Set<never>();

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}
