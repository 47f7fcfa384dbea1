/**
 * Search at a million messages (issue 16): PostgreSQL seeded with
 * 1,000,000 messages over 1,000 groups, a searcher in 50 of them, and four
 * queries the issue names (a three-letter word, a rare word, two words, a
 * quoted phrase) plus the worst case, the commonest word. Each query runs
 * `iterations` times through the API (`GET /api/search`, over a keep-alive
 * connection, one request at a time) and, alternating with it, as the same
 * SQL the API runs, straight through `pg` on a connection of its own: the
 * floor. The ratio is API over floor, per query, in the same run.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { searchTerms, type AuthResponse, type SearchPage } from '@chat/protocol';
import { Client } from 'pg';
import { post } from '../fleet';
import type { RunningServer } from '../launch';
import { latencyStats } from '../measure';
import { PHRASE, RARE_WORD, SearchSeed, seedSearch } from '../search-seed';
import { OK, ScenarioResult } from './scenario';

export interface SearchOptions extends SearchSeed {
  iterations: number;
}

const QUERIES: Array<[label: string, q: string]> = [
  ['three-letter word', 'sun'],
  ['rare word', RARE_WORD],
  ['two words', 'lunch friday'],
  ['quoted phrase', `"${PHRASE}"`],
  ['commonest word', 'the'],
];
const LIMIT = 20;

export function describeSearch(o: SearchOptions): string {
  return `${o.groups * o.perGroup} messages in ${o.groups} groups, a searcher in ${o.joined}; ${QUERIES.map(([label, q]) => `${label} ${q}`).join(', ')}; ${o.iterations} searches each through the API and as raw SQL (the floor), alternating`;
}

export async function runSearch(server: RunningServer, o: SearchOptions): Promise<ScenarioResult> {
  if (!server.databaseUrl) throw new Error('the search scenario needs a database target (api-pg)');
  const baseUrl = server.baseUrls[0];
  const register = (name: string) => post<AuthResponse>(baseUrl, '/api/users', { email: `${name}-${Date.now()}@bench.example`, password: 'correct horse battery', displayName: name });
  const author = await register('author');
  const searcher = await register('searcher');
  const seedStart = performance.now();
  const groupKeys = await seedSearch(server.databaseUrl, author.user.id, searcher.user.id, o);
  const seedSeconds = (performance.now() - seedStart) / 1000;

  const raw = new Client({ connectionString: server.databaseUrl });
  await raw.connect();
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const metrics: Record<string, number> = {};
  const samples: string[] = [];
  let errors = 0;
  try {
    for (const [label, q] of QUERIES) {
      const apiTimes: number[] = [];
      const rawTimes: number[] = [];
      let found = 0;
      for (let i = -5; i < o.iterations; i++) {
        let start = performance.now();
        const page = await search(agent, baseUrl, searcher.token, q);
        if (i >= 0) apiTimes.push(performance.now() - start);
        start = performance.now();
        const rows = await rawSearch(raw, searcher.user.id, q);
        if (i >= 0) rawTimes.push(performance.now() - start);
        found = page.results.length;
        if (page.results.length !== rows.length || page.results.some((m, n) => m.id !== rows[n])) {
          errors++;
          if (samples.length < 5) samples.push(`${label}: the API found ${page.results.length} messages, the raw SQL ${rows.length} (or others)`);
        }
      }
      const api = latencyStats(apiTimes);
      const floor = latencyStats(rawTimes);
      metrics[`${label} results`] = found;
      metrics[`${label} api p50 ms`] = api.p50;
      metrics[`${label} api p99 ms`] = api.p99;
      metrics[`${label} raw SQL p50 ms`] = floor.p50;
      metrics[`${label} raw SQL p99 ms`] = floor.p99;
      metrics[`${label} api/raw p99`] = api.p99 / floor.p99;
    }
  } finally {
    agent.destroy();
    await raw.end();
  }
  metrics['readable messages'] = groupKeys.length * o.perGroup;
  metrics['seed s'] = seedSeconds;
  return { metrics, correctness: { ...OK, errors, samples }, warnings: [], details: { seedSeconds } };
}

function search(agent: Agent, baseUrl: string, token: string, q: string): Promise<SearchPage> {
  const url = new URL(`/api/search?q=${encodeURIComponent(q)}&limit=${LIMIT}`, baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))) : reject(new Error(`search ${q}: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * What the API's PostgreSQL store runs for a query whose terms have three
 * letters in a row (api/src/storage/postgres/postgres-search.repository.ts,
 * kept in step by hand: the bench may not import the API): one statement,
 * the caller's groups read in it, the page with its replies and reactions.
 * The token check and the senders' names of the API's answer are its own
 * cost, not counted.
 */
async function rawSearch(client: Client, userId: string, q: string): Promise<string[]> {
  const terms = searchTerms(q);
  const likes = terms.map((_, i) => `lower(m.text) LIKE lower($${i + 2}) ESCAPE '\\'`).join(' AND ');
  const { rows } = await client.query<{ id: string }>(
    `SELECT m.*, o.sender_id AS reply_sender_id, left(o.text, 100) AS reply_excerpt, o.deleted AS reply_deleted,
            (SELECT json_agg(json_build_object('emoji', r.emoji, 'userIds', r.user_ids) ORDER BY r.since)
             FROM (SELECT emoji, min(emoji_since) AS since, array_agg(user_id ORDER BY reacted_rev) AS user_ids
                   FROM reactions WHERE group_key = m.group_key AND seq = m.seq GROUP BY emoji) r) AS reactions,
            (extract(epoch FROM date_trunc('milliseconds', m.created_at)) * 1000000)::bigint AS at_micros,
            (SELECT g.name FROM groups g WHERE g.key = m.group_key) AS group_name
     FROM messages m LEFT JOIN messages o ON o.group_key = m.group_key AND o.seq = m.reply_to
     WHERE m.group_key = ANY(ARRAY(SELECT group_key FROM memberships WHERE user_id = $1::uuid)) AND NOT m.deleted AND ${likes}
     ORDER BY date_trunc('milliseconds', m.created_at) DESC, m.seq DESC, m.group_key DESC
     LIMIT ${LIMIT + 1}`,
    [userId, ...terms.map((term) => `%${term.replace(/[\\%_]/g, '\\$&')}%`)],
  );
  return rows.slice(0, LIMIT).map((row) => row.id);
}
