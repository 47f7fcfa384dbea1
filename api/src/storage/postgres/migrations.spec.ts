import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import { Client, Pool } from 'pg';
import { migrationProvider } from './migrations';
import { PostgresDatabase } from './postgres-database';
import { PostgresMessagesRepository } from './postgres-messages.repository';
import { PostgresReactionsRepository } from './postgres-reactions.repository';
import { PostgresReadMarkersRepository } from './postgres-read-markers.repository';

/**
 * An existing database keeps working across a migration: against the
 * machine's real PostgreSQL, in a database of its own, dropped afterwards.
 */
const ANA = '00000000-0000-4000-8000-000000000001';

describe('PostgreSQL migrations', () => {
  const adminUrl = process.env.E2E_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `chat_migrations_${process.pid}_${Date.now().toString(36)}`;
  const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  const admin = async (statement: string) => {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };

  beforeAll(() => admin(`CREATE DATABASE ${name}`));
  afterAll(() => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

  it('0002 and 0003 give the messages of an existing database rev = seq and no mentions or reactions, so they can be caught up, edited and reacted to', async () => {
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new Pool({ connectionString: url, max: 1 }) }) });
    const migrator = new Migrator({ db, provider: migrationProvider });
    try {
      expect((await migrator.migrateTo('0001_initial')).error).toBeUndefined();
      const user = ANA;
      // One statement per call: a statement with parameters is prepared, and cannot hold several.
      await sql`INSERT INTO users (id, email, display_name, password_hash) VALUES (${user}, 'old@example.com', 'Old', 'x')`.execute(db);
      await sql`INSERT INTO groups (key, name, created_by, member_count, last_seq) VALUES ('old', 'Old', ${user}, 1, 3)`.execute(db);
      await sql`INSERT INTO memberships (group_key, user_id, read_seq) VALUES ('old', ${user}, 1)`.execute(db);
      for (const [seq, text] of [[1, 'one'], [2, 'two'], [3, 'three']] as const) {
        await sql`INSERT INTO messages (id, group_key, seq, sender_id, text, client_msg_id)
                  VALUES (gen_random_uuid(), 'old', ${seq}, ${user}, ${text}, ${`c${seq}`})`.execute(db);
      }
    } finally {
      await db.destroy();
    }

    const pg = new PostgresDatabase(url);
    try {
      expect(await pg.migrate()).toEqual(['0002_revisions', '0003_reactions_mentions', '0004_direct_messages', '0005_search']);
      const messages = new PostgresMessagesRepository(pg);
      const before = await messages.changes('old', 0, 100);
      expect(before?.messages.map((m) => [m.seq, m.rev, m.text])).toEqual([[1, 1, 'one'], [2, 2, 'two'], [3, 3, 'three']]);
      expect(before?.lastRev).toBe(3);
      expect(before?.messages.map((m) => [m.mentions, m.reactions])).toEqual([[[], []], [[], []], [[], []]]);

      await messages.edit({ groupKey: 'old', seq: 1, userId: ANA }, { text: 'one, edited', mentionTokens: [] });
      await messages.remove({ groupKey: 'old', seq: 2, userId: ANA });
      const after = await messages.changes('old', 3, 100);
      expect(after?.messages.map((m) => [m.seq, m.rev, m.text, m.deleted])).toEqual([[1, 4, 'one, edited', false], [2, 5, '', true]]);
      // The tombstone above the marker is not unread: 3 - 1 - 1.
      expect(await new PostgresReadMarkersRepository(pg).get('old', ANA)).toEqual({ readSeq: 1, unread: 1, mentionUnread: 0 });
      const reacted = await new PostgresReactionsRepository(pg).add({ groupKey: 'old', seq: 3, userId: ANA }, '👍');
      expect(reacted).toMatchObject({ outcome: 'changed', count: 1, message: { rev: 6, reactions: [{ emoji: '👍', userIds: [ANA] }] } });
    } finally {
      await pg.onApplicationShutdown();
    }
  });
});
