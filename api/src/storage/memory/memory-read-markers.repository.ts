import { Injectable } from '@nestjs/common';
import { ReadMarkersRepository } from '../read-markers.repository';
import { MemoryDatabase } from './memory-database';

@Injectable()
export class MemoryReadMarkersRepository extends ReadMarkersRepository {
  constructor(private readonly db: MemoryDatabase) {
    super();
  }

  async forUser(userId: string): Promise<Map<string, number>> {
    const markers = new Map<string, number>();
    for (const key of this.db.groupsOfUser.get(userId) ?? []) {
      const membership = this.db.members.get(key)?.get(userId);
      if (membership) markers.set(key, membership.readSeq);
    }
    return markers;
  }

  async get(groupKey: string, userId: string): Promise<number | null> {
    return this.db.members.get(groupKey)?.get(userId)?.readSeq ?? null;
  }

  async advance(groupKey: string, userId: string, seq: number): Promise<number | null> {
    const membership = this.db.members.get(groupKey)?.get(userId);
    const group = this.db.groups.get(groupKey);
    if (!membership || !group) return null;
    const target = Math.min(seq, group.lastSeq);
    if (target <= membership.readSeq) return null;
    membership.readSeq = target;
    return target;
  }
}
