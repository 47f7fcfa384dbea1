import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import { GroupsRepository } from '../groups.repository';
import type { GroupRecord } from '../records';
import type { Tables } from './schema';
import { isUniqueViolation, PostgresDatabase, PreparedStatement } from './postgres-database';

export class PostgresGroupsRepository extends GroupsRepository {
  constructor(private readonly pg: PostgresDatabase) {
    super();
  }

  async create(group: { key: string; name: string; createdById: string }): Promise<GroupRecord | null> {
    try {
      return await this.pg.db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('groups')
          .values({ key: group.key, name: group.name, created_by: group.createdById, member_count: 1 })
          .returningAll()
          .executeTakeFirstOrThrow();
        await tx.insertInto('memberships').values({ group_key: group.key, user_id: group.createdById, read_seq: 0 }).execute();
        return toGroup(row);
      });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  async findByKey(key: string): Promise<GroupRecord | null> {
    const row = await this.pg.db.selectFrom('groups').selectAll().where('key', '=', key).executeTakeFirst();
    return row ? toGroup(row) : null;
  }

  async list(): Promise<GroupRecord[]> {
    const rows = await this.pg.db.selectFrom('groups').selectAll().where('kind', '=', 'group').orderBy('created_at').orderBy('key').execute();
    return rows.map(toGroup);
  }

  async listJoined(userId: string): Promise<GroupRecord[]> {
    const rows = await this.pg.db
      .selectFrom('memberships')
      .innerJoin('groups', 'groups.key', 'memberships.group_key')
      .selectAll('groups')
      .where('memberships.user_id', '=', userId)
      .orderBy('memberships.joined_at')
      .execute();
    return rows.map(toGroup);
  }

  /** The marker starts at the group's lastSeq, read in the same statement. */
  async addMember(key: string, userId: string): Promise<boolean> {
    return this.pg.db.transaction().execute(async (tx) => {
      const added = await sql<{ user_id: string }>`
        INSERT INTO memberships (group_key, user_id, read_seq)
        SELECT key, ${userId}, last_seq FROM groups WHERE key = ${key}
        ON CONFLICT (group_key, user_id) DO NOTHING
        RETURNING user_id
      `.execute(tx);
      if (added.rows.length === 0) return false;
      await tx.updateTable('groups').set((eb) => ({ member_count: eb('member_count', '+', 1) })).where('key', '=', key).execute();
      return true;
    });
  }

  async removeMember(key: string, userId: string): Promise<boolean> {
    return this.pg.db.transaction().execute(async (tx) => {
      const removed = await tx
        .deleteFrom('memberships')
        .where('group_key', '=', key)
        .where('user_id', '=', userId)
        .returning('user_id')
        .executeTakeFirst();
      if (!removed) return false;
      await tx.updateTable('groups').set((eb) => ({ member_count: eb('member_count', '-', 1) })).where('key', '=', key).execute();
      return true;
    });
  }

  async findWithMembership(key: string, userId: string): Promise<{ group: GroupRecord; member: boolean } | null> {
    const [row] = await this.pg.prepared<Selectable<Tables['groups']> & { member: boolean }>(FIND_WITH_MEMBERSHIP, [key, userId]);
    return row ? { group: toGroup(row), member: row.member } : null;
  }

  async memberIds(key: string): Promise<string[]> {
    const rows = await this.pg.db
      .selectFrom('memberships')
      .select('user_id')
      .where('group_key', '=', key)
      .orderBy('joined_at')
      .execute();
    return rows.map((row) => row.user_id);
  }
}

/** Every send, typing and read runs this: a prepared statement (see PostgresDatabase.prepared). */
const FIND_WITH_MEMBERSHIP: PreparedStatement = {
  name: 'find_group_with_membership',
  text: `SELECT g.*, EXISTS (SELECT 1 FROM memberships m WHERE m.group_key = g.key AND m.user_id = $2::uuid) AS member
         FROM groups g WHERE g.key = $1`,
};

export function toGroup(row: Selectable<Tables['groups']>): GroupRecord {
  return {
    key: row.key,
    name: row.name,
    kind: row.kind,
    createdAt: row.created_at,
    createdById: row.created_by,
    memberCount: row.member_count,
    lastSeq: row.last_seq,
    lastRev: row.last_rev,
  };
}
