import type { GroupRecord } from '../records';
import { emptyLog, MemoryDatabase } from './memory-database';

/**
 * Rows shared by the group and dm adapters: a new group (or dm) with its
 * first members, and one membership. Synchronous, so a check and the insert
 * after it cannot interleave with another request.
 */
export function insertGroup(db: MemoryDatabase, record: GroupRecord, memberIds: readonly string[]): void {
  db.groups.set(record.key, record);
  db.members.set(record.key, new Map());
  db.messages.set(record.key, emptyLog());
  for (const userId of memberIds) addMembership(db, record, userId);
}

/** History from before joining is not unread: the marker starts at lastSeq. */
export function addMembership(db: MemoryDatabase, group: GroupRecord, userId: string): void {
  db.members.get(group.key)?.set(userId, { readSeq: group.lastSeq });
  group.memberCount += 1;
  let keys = db.groupsOfUser.get(userId);
  if (!keys) db.groupsOfUser.set(userId, (keys = new Set()));
  keys.add(group.key);
}
