import type { Selectable } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { UserRecord } from '../records';
import { UsersRepository } from '../users.repository';
import type { Tables } from './schema';
import { uuidTokens } from './message-rows';
import { isUniqueViolation, PostgresDatabase, type PreparedStatement } from './postgres-database';

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

  /** Prepared: every authenticated request and every WebSocket handshake looks its user up. */
  async findById(id: string): Promise<UserRecord | null> {
    // Ids are uuids here: any other string is no user's (and would fail the cast).
    if (uuidTokens([id]).length === 0) return null;
    const [row] = await this.pg.prepared<Selectable<Tables['users']>>(FIND_BY_ID, [id]);
    return row ? toUser(row) : null;
  }

  async findByEmail(email: string): Promise<UserRecord | null> {
    const row = await this.pg.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    return row ? toUser(row) : null;
  }

  async findByIds(ids: readonly string[]): Promise<UserRecord[]> {
    const uuids = uuidTokens([...new Set(ids)]);
    if (uuids.length === 0) return [];
    // Prepared, with the ids as one array parameter: every history page looks its senders up.
    const rows = await this.pg.prepared<Selectable<Tables['users']>>(FIND_BY_IDS, [uuids]);
    return rows.map(toUser);
  }
}

const FIND_BY_ID: PreparedStatement = { name: 'find_user_by_id', text: 'SELECT * FROM users WHERE id = $1::uuid' };
const FIND_BY_IDS: PreparedStatement = { name: 'find_users_by_ids', text: 'SELECT * FROM users WHERE id = ANY($1::uuid[])' };

function toUser(row: Selectable<Tables['users']>): UserRecord {
  return { id: row.id, email: row.email, displayName: row.display_name, passwordHash: row.password_hash, createdAt: row.created_at };
}
