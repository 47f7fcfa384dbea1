import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { UserRecord } from '../records';
import { UsersRepository } from '../users.repository';
import { MemoryDatabase } from './memory-database';

@Injectable()
export class MemoryUsersRepository extends UsersRepository {
  constructor(private readonly db: MemoryDatabase) {
    super();
  }

  async create(user: Omit<UserRecord, 'id' | 'createdAt'>): Promise<UserRecord | null> {
    if (this.db.userIdsByEmail.has(user.email)) return null;
    const record: UserRecord = { ...user, id: randomUUID(), createdAt: new Date() };
    this.db.users.set(record.id, record);
    this.db.userIdsByEmail.set(record.email, record.id);
    return { ...record };
  }

  async findById(id: string): Promise<UserRecord | null> {
    const user = this.db.users.get(id);
    return user ? { ...user } : null;
  }

  async findByEmail(email: string): Promise<UserRecord | null> {
    const id = this.db.userIdsByEmail.get(email);
    return id ? this.findById(id) : null;
  }

  async findByIds(ids: readonly string[]): Promise<UserRecord[]> {
    const found: UserRecord[] = [];
    for (const id of new Set(ids)) {
      const user = this.db.users.get(id);
      if (user) found.push({ ...user });
    }
    return found;
  }
}
