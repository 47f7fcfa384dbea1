import { sql } from 'kysely';
import { ReadMarkersRepository } from '../read-markers.repository';
import type { ReadMarker } from '../records';
import { PostgresDatabase, PreparedStatement } from './postgres-database';

export class PostgresReadMarkersRepository extends ReadMarkersRepository {
  constructor(private readonly pg: PostgresDatabase) {
    super();
  }

  async forUser(userId: string): Promise<Map<string, ReadMarker>> {
    const rows = await this.pg.prepared<MarkerRow>(MARKERS_OF_USER, [userId]);
    return new Map(rows.map((row) => [row.group_key, toMarker(row)]));
  }

  async get(groupKey: string, userId: string): Promise<ReadMarker | null> {
    const [row] = await this.pg.prepared<MarkerRow>(MARKER, [groupKey, userId]);
    return row ? toMarker(row) : null;
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

type MarkerRow = { group_key: string; read_seq: number; unread: number; mention_unread: number };

/**
 * Unread: the seqs above the marker less the tombstones among them, which
 * the partial index `messages_deleted` holds alone: deletes are rare, so
 * this reads a few index entries, never the group's history. Mentions: the
 * member's entries above the marker in `message_mentions_by_user` (a
 * tombstone has none), an index range as well.
 */
const MARKER_COLUMNS = `m.group_key, m.read_seq,
  greatest(0, g.last_seq - m.read_seq - (SELECT count(*) FROM messages d WHERE d.group_key = m.group_key AND d.deleted AND d.seq > m.read_seq)) AS unread,
  (SELECT count(*)::int FROM message_mentions mm WHERE mm.user_id = m.user_id AND mm.group_key = m.group_key AND mm.seq > m.read_seq) AS mention_unread`;

const MARKERS_OF_USER: PreparedStatement = {
  name: 'read_markers_of_user',
  text: `SELECT ${MARKER_COLUMNS} FROM memberships m JOIN groups g ON g.key = m.group_key WHERE m.user_id = $1::uuid`,
};

const MARKER: PreparedStatement = {
  name: 'read_marker',
  text: `SELECT ${MARKER_COLUMNS} FROM memberships m JOIN groups g ON g.key = m.group_key WHERE m.group_key = $1 AND m.user_id = $2::uuid`,
};

function toMarker(row: MarkerRow): ReadMarker {
  return { readSeq: row.read_seq, unread: row.unread, mentionUnread: row.mention_unread };
}
