import { Injectable } from '@nestjs/common';
import { GroupsRepository } from '../groups.repository';
import type { GroupRecord } from '../records';
import { emptyLog, MemoryDatabase } from './memory-database';

@Injectable()
export class MemoryGroupsRepository extends GroupsRepository {
  constructor(private readonly db: MemoryDatabase) {
    super();
  }

  async create(group: { key: string; name: string; createdById: string }): Promise<GroupRecord | null> {
    if (this.db.groups.has(group.key)) return null;
    const record: GroupRecord = { ...group, createdAt: new Date(), memberCount: 0, lastSeq: 0, lastRev: 0 };
    this.db.groups.set(group.key, record);
    this.db.members.set(group.key, new Map());
    this.db.messages.set(group.key, emptyLog());
    this.add(record, group.createdById);
    return { ...record };
  }

  async findByKey(key: string): Promise<GroupRecord | null> {
    const group = this.db.groups.get(key);
    return group ? { ...group } : null;
  }

  async list(): Promise<GroupRecord[]> {
    return [...this.db.groups.values()].map((group) => ({ ...group }));
  }

  async listJoined(userId: string): Promise<GroupRecord[]> {
    const keys = this.db.groupsOfUser.get(userId) ?? new Set<string>();
    return [...keys].map((key) => ({ ...(this.db.groups.get(key) as GroupRecord) }));
  }

  async addMember(key: string, userId: string): Promise<boolean> {
    const group = this.db.groups.get(key);
    if (!group || this.db.members.get(key)?.has(userId)) return false;
    this.add(group, userId);
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

  /** History from before joining is not unread: the marker starts at lastSeq. */
  private add(group: GroupRecord, userId: string): void {
    this.db.members.get(group.key)?.set(userId, { readSeq: group.lastSeq });
    group.memberCount += 1;
    let keys = this.db.groupsOfUser.get(userId);
    if (!keys) this.db.groupsOfUser.set(userId, (keys = new Set()));
    keys.add(group.key);
  }
}
