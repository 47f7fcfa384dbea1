/**
 * PostgreSQL for the api-pg and api-redis targets: a database of the run's
 * own (dropped afterwards), and bulk seeding of a group's history straight
 * into the API's schema, since storing a million messages through the API
 * would take longer than the whole benchmark.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

const ADMIN_URL = process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createBenchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `chat_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await withClient(ADMIN_URL, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withClient(ADMIN_URL, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * Appends `count` messages from `senderId` to the group whose key is
 * `groupKey` (a lower-case name is its own key), in chunks so that no single
 * statement holds a million rows, then moves the group's last seq and last
 * rev. Each seeded message's rev is its seq, as after the revisions migration
 * (the group has had no edits yet, so its last rev is its last seq).
 */
export async function seedMessages(databaseUrl: string, groupKey: string, senderId: string, count: number): Promise<void> {
  const chunk = 100_000;
  await withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ last_seq: string }>('SELECT last_seq FROM groups WHERE key = $1', [groupKey]);
    if (!rows.length) throw new Error(`no group ${groupKey} to seed`);
    const first = Number(rows[0].last_seq) + 1;
    for (let from = first; from < first + count; from += chunk) {
      const to = Math.min(first + count - 1, from + chunk - 1);
      await client.query(
        `INSERT INTO messages (id, group_key, seq, rev, sender_id, text, client_msg_id, created_at)
         SELECT gen_random_uuid(), $1, s, s, $2, 'seeded message number ' || s, 'seed-' || s,
                now() - make_interval(secs => ($4::bigint - s))
         FROM generate_series($3::bigint, $4::bigint) AS s`,
        [groupKey, senderId, from, to],
      );
    }
    await client.query('UPDATE groups SET last_seq = $2, last_rev = $2 WHERE key = $1', [groupKey, first + count - 1]);
    // As a table that has been there a while: vacuumed, analysed and on disk, so autovacuum and the
    // checkpoint of a million fresh rows do not run during the measurement.
    await client.query('VACUUM ANALYZE messages');
    await client.query('CHECKPOINT');
  });
}
