import { Injectable } from '@nestjs/common';
import { GroupsRepository } from '../groups.repository';
import type { GroupRecord } from '../records';
import { MemoryDatabase } from './memory-database';
import { addMembership, insertGroup } from './memory-memberships';

@Injectable()
export class MemoryGroupsRepository extends GroupsRepository {
  constructor(private readonly db: MemoryDatabase) {
    super();
  }

  async create(group: { key: string; name: string; createdById: string }): Promise<GroupRecord | null> {
    if (this.db.groups.has(group.key)) return null;
    const record: GroupRecord = { ...group, kind: 'group', createdAt: new Date(), memberCount: 0, lastSeq: 0, lastRev: 0 };
    insertGroup(this.db, record, [group.createdById]);
    return { ...record };
  }

  async findByKey(key: string): Promise<GroupRecord | null> {
    const group = this.db.groups.get(key);
    return group ? { ...group } : null;
  }

  async list(): Promise<GroupRecord[]> {
    return [...this.db.groups.values()].filter((group) => group.kind === 'group').map((group) => ({ ...group }));
  }

  async listJoined(userId: string): Promise<GroupRecord[]> {
    const keys = this.db.groupsOfUser.get(userId) ?? new Set<string>();
    return [...keys].map((key) => ({ ...(this.db.groups.get(key) as GroupRecord) }));
  }

  async addMember(key: string, userId: string): Promise<boolean> {
    const group = this.db.groups.get(key);
    if (!group || this.db.members.get(key)?.has(userId)) return false;
    addMembership(this.db, group, userId);
    return true;
  }

  async removeMember(key: string, userId: string): Promise<boolean> {
    const group = this.db.groups.get(key);
    const members = this.db.members.get(key);
    if (!group || !members?.delete(userId)) return false;
    group.memberCount -= 1;
    this.db.groupsOfUser.get(userId)?.delete(key);
    return true;
  }

  async findWithMembership(key: string, userId: string): Promise<{ group: GroupRecord; member: boolean } | null> {
    const group = this.db.groups.get(key);
    return group ? { group: { ...group }, member: this.db.members.get(key)?.has(userId) ?? false } : null;
  }

  async memberIds(key: string): Promise<string[]> {
    return [...(this.db.members.get(key)?.keys() ?? [])];
  }
}
