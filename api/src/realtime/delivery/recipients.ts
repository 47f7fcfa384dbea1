import type { ConnectionRegistry } from './connection-registry';

/*
 * Writes one encoded frame to the connections the registry finds, and
 * returns how many frames were written. Plain functions over the registry's
 * O(1) indexes: they run for every delivery, so they allocate nothing.
 */

/** Every connection here of every member of the group, but those of `exceptUserId`. */
export function toMembers(registry: ConnectionRegistry, groupKey: string, frame: Buffer, exceptUserId?: string): number {
  let frames = 0;
  for (const userId of registry.membersOf(groupKey)) {
    if (userId !== exceptUserId) frames += toUser(registry, userId, frame);
  }
  return frames;
}

/** Every connection here of the user, but `exceptConnectionId`. */
export function toUser(registry: ConnectionRegistry, userId: string, frame: Buffer, exceptConnectionId?: string): number {
  let frames = 0;
  for (const connection of registry.connectionsOf(userId)) {
    if (connection.id !== exceptConnectionId) {
      connection.write(frame);
      frames++;
    }
  }
  return frames;
}

/** Everyone here who shares at least one of these groups with the user, once each, the user excepted. */
export function toCoMembers(registry: ConnectionRegistry, userId: string, groupKeys: readonly string[], frame: Buffer): void {
  const reached = new Set<string>([userId]);
  for (const key of groupKeys) {
    for (const memberId of registry.membersOf(key)) {
      if (reached.has(memberId)) continue;
      reached.add(memberId);
      toUser(registry, memberId, frame);
    }
  }
}
