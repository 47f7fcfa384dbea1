import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import { DmsRepository, NewDm } from '../dms.repository';
import type { DmRecord } from '../records';
import type { Tables } from './schema';
import { PostgresDatabase } from './postgres-database';
import { toGroup } from './postgres-groups.repository';

type DmRow = Selectable<Tables['groups']> & { user_low: string; user_high: string; last_activity_at: Date };

export class PostgresDmsRepository extends DmsRepository {
  constructor(private readonly pg: PostgresDatabase) {
    super();
  }

  /**
   * One statement: the group, its pair and both memberships, or nothing when
   * the key exists. A concurrent opener's insert waits on the first one's
   * key and then does nothing, so exactly one caller sees `created`. The
   * opener's membership comes first (joined_at), as a group's creator does.
   */
  async open(dm: NewDm): Promise<{ dm: DmRecord; created: boolean }> {
    const { rows } = await sql<{ key: string }>`
      WITH new_group AS (
        INSERT INTO groups (key, name, created_by, member_count, kind)
        VALUES (${dm.key}, ${dm.name}, ${dm.openerId}, 2, 'dm')
        ON CONFLICT DO NOTHING
        RETURNING key
      ), pair AS (
        INSERT INTO dms (group_key, user_low, user_high)
        SELECT key, least(${dm.openerId}::uuid, ${dm.otherId}::uuid), greatest(${dm.openerId}::uuid, ${dm.otherId}::uuid) FROM new_group
      ), both_members AS (
        INSERT INTO memberships (group_key, user_id, read_seq, joined_at)
        SELECT key, member.id, 0, clock_timestamp() + member.position * interval '1 microsecond'
        FROM new_group, (VALUES (${dm.openerId}::uuid, 0), (${dm.otherId}::uuid, 1)) AS member (id, position)
      )
      SELECT key FROM new_group
    `.execute(this.pg.db);
    const stored = await this.find(dm.key);
    if (!stored) throw new Error(`dm ${dm.key} was neither created nor found`);
    return { dm: stored, created: rows.length > 0 };
  }

  async find(key: string): Promise<DmRecord | null> {
    const { rows } = await sql<DmRow>`${DM_SELECT} WHERE g.key = ${key}`.execute(this.pg.db);
    return rows[0] ? toDm(rows[0]) : null;
  }

  async listOf(userId: string): Promise<DmRecord[]> {
    const { rows } = await sql<DmRow>`
      ${DM_SELECT}
      JOIN memberships ms ON ms.group_key = g.key AND ms.user_id = ${userId}::uuid
      ORDER BY last_activity_at DESC, g.created_at DESC, g.key
    `.execute(this.pg.db);
    return rows.map(toDm);
  }

  /** Through the user's memberships (memberships_by_user), each checked against the other's primary key. */
  async shareAGroup(userId: string, otherId: string): Promise<boolean> {
    const { rows } = await sql<{ shared: boolean }>`
      SELECT EXISTS (
        SELECT 1 FROM memberships mine
        JOIN memberships theirs ON theirs.group_key = mine.group_key AND theirs.user_id = ${otherId}::uuid
        JOIN groups g ON g.key = mine.group_key AND g.kind = 'group'
        WHERE mine.user_id = ${userId}::uuid
      ) AS shared
    `.execute(this.pg.db);
    return rows[0]?.shared ?? false;
  }
}

/** A dm with its pair and its last activity: the newest message (the row at last_seq, one index look-up), else its creation. */
const DM_SELECT = sql`
  SELECT g.*, d.user_low, d.user_high, coalesce(newest.created_at, g.created_at) AS last_activity_at
  FROM groups g
  JOIN dms d ON d.group_key = g.key
  LEFT JOIN messages newest ON newest.group_key = g.key AND newest.seq = g.last_seq
`;

function toDm(row: DmRow): DmRecord {
  const otherId = row.user_low === row.created_by ? row.user_high : row.user_low;
  return { ...toGroup(row), kind: 'dm', memberIds: [row.created_by, otherId], lastActivityAt: row.last_activity_at };
}
