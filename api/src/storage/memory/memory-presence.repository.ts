import { Injectable } from '@nestjs/common';
import { PresenceRepository } from '../presence.repository';
import { MemoryDatabase } from './memory-database';

@Injectable()
export class MemoryPresenceRepository extends PresenceRepository {
  constructor(private readonly db: MemoryDatabase) {
    super();
  }

  async connect(userId: string): Promise<boolean> {
    const count = (this.db.connectionCounts.get(userId) ?? 0) + 1;
    this.db.connectionCounts.set(userId, count);
    return count === 1;
  }

  async disconnect(userId: string): Promise<boolean> {
    const count = (this.db.connectionCounts.get(userId) ?? 0) - 1;
    if (count > 0) {
      this.db.connectionCounts.set(userId, count);
      return false;
    }
    this.db.connectionCounts.delete(userId);
    return count === 0;
  }

  async online(userIds: readonly string[]): Promise<Set<string>> {
    return new Set(userIds.filter((id) => this.db.connectionCounts.has(id)));
  }
}
