import { Injectable } from '@nestjs/common';
import { DmsRepository, NewDm } from '../dms.repository';
import type { DmRecord, GroupRecord } from '../records';
import { MemoryDatabase } from './memory-database';
import { insertGroup } from './memory-memberships';

@Injectable()
export class MemoryDmsRepository extends DmsRepository {
  constructor(private readonly db: MemoryDatabase) {
    super();
  }

  /** The key is derived from the pair, so the map's key is the pair's uniqueness; no await between look-up and insert. */
  async open(dm: NewDm): Promise<{ dm: DmRecord; created: boolean }> {
    const existing = this.dmOf(this.db.groups.get(dm.key));
    if (existing) return { dm: existing, created: false };
    const record: GroupRecord = { key: dm.key, name: dm.name, kind: 'dm', createdAt: new Date(), createdById: dm.openerId, memberCount: 0, lastSeq: 0, lastRev: 0 };
    insertGroup(this.db, record, [dm.openerId, dm.otherId]);
    return { dm: this.dmOf(record) as DmRecord, created: true };
  }

  async find(key: string): Promise<DmRecord | null> {
    return this.dmOf(this.db.groups.get(key));
  }

  async listOf(userId: string): Promise<DmRecord[]> {
    const dms: DmRecord[] = [];
    for (const key of this.db.groupsOfUser.get(userId) ?? []) {
      const dm = this.dmOf(this.db.groups.get(key));
      if (dm) dms.push(dm);
    }
    // Memberships are kept in the order they began, so reversed, a dm opened later comes first among equal
    // times (a millisecond holds several here); the sort is stable.
    return dms.reverse().sort(byNewestActivity);
  }

  async shareAGroup(userId: string, otherId: string): Promise<boolean> {
    const mine = this.db.groupsOfUser.get(userId) ?? new Set<string>();
    for (const key of this.db.groupsOfUser.get(otherId) ?? []) {
      if (mine.has(key) && this.db.groups.get(key)?.kind === 'group') return true;
    }
    return false;
  }

  private dmOf(group: GroupRecord | undefined): DmRecord | null {
    if (group?.kind !== 'dm') return null;
    const [openerId, otherId] = this.db.members.get(group.key)?.keys() ?? [];
    const newest = this.db.messages.get(group.key)?.records[group.lastSeq - 1];
    return { ...group, kind: 'dm', memberIds: [openerId, otherId], lastActivityAt: newest?.createdAt ?? group.createdAt };
  }
}

function byNewestActivity(a: DmRecord, b: DmRecord): number {
  return b.lastActivityAt.getTime() - a.lastActivityAt.getTime();
}
