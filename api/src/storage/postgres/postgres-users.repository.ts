import type { Selectable } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { UserRecord } from '../records';
import { UsersRepository } from '../users.repository';
import type { Tables } from './schema';
import { isUniqueViolation, PostgresDatabase } from './postgres-database';

export class PostgresUsersRepository extends UsersRepository {
  constructor(private readonly pg: PostgresDatabase) {
    super();
  }

  async create(user: Omit<UserRecord, 'id' | 'createdAt'>): Promise<UserRecord | null> {
    try {
      const row = await this.pg.db
        .insertInto('users')
        .values({ id: randomUUID(), email: user.email, display_name: user.displayName, password_hash: user.passwordHash })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toUser(row);
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  async findById(id: string): Promise<UserRecord | null> {
    const row = await this.pg.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toUser(row) : null;
  }

  async findByEmail(email: string): Promise<UserRecord | null> {
    const row = await this.pg.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    return row ? toUser(row) : null;
  }

  async findByIds(ids: readonly string[]): Promise<UserRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.pg.db.selectFrom('users').selectAll().where('id', 'in', [...new Set(ids)]).execute();
    return rows.map(toUser);
  }
}

function toUser(row: Selectable<Tables['users']>): UserRecord {
  return { id: row.id, email: row.email, displayName: row.display_name, passwordHash: row.password_hash, createdAt: row.created_at };
}
