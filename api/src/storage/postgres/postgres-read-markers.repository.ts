import { sql } from 'kysely';
import { ReadMarkersRepository } from '../read-markers.repository';
import { PostgresDatabase } from './postgres-database';

export class PostgresReadMarkersRepository extends ReadMarkersRepository {
  constructor(private readonly pg: PostgresDatabase) {
    super();
  }

  async forUser(userId: string): Promise<Map<string, number>> {
    const rows = await this.pg.db.selectFrom('memberships').select(['group_key', 'read_seq']).where('user_id', '=', userId).execute();
    return new Map(rows.map((row) => [row.group_key, row.read_seq]));
  }

  async get(groupKey: string, userId: string): Promise<number | null> {
    const row = await this.pg.db
      .selectFrom('memberships')
      .select('read_seq')
      .where('group_key', '=', groupKey)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row?.read_seq ?? null;
  }

  /** Forward only, capped at the group's lastSeq, in one statement. */
  async advance(groupKey: string, userId: string, seq: number): Promise<number | null> {
    const target = sql<number>`least(${seq}::bigint, groups.last_seq)`;
    const row = await this.pg.db
      .updateTable('memberships')
      .from('groups')
      .set({ read_seq: target })
      .whereRef('groups.key', '=', 'memberships.group_key')
      .where('memberships.group_key', '=', groupKey)
      .where('memberships.user_id', '=', userId)
      .where(target, '>', sql<number>`memberships.read_seq`)
      .returning('memberships.read_seq')
      .executeTakeFirst();
    return row?.read_seq ?? null;
  }
}
