/**
 * The search scenario's data, straight into the API's schema (as the
 * history scenario's seed): `groups` groups of `perGroup` messages each,
 * texts of 6 to 11 words drawn from a vocabulary with a Zipf-like skew
 * (a few words in most messages, most words rare), created one second
 * apart across the groups; a searcher who is a member of `joined` of them
 * (every `groups / joined`-th). A few words and one phrase are planted at
 * known rates, for the queries the scenario measures.
 */
import { Client } from 'pg';

export interface SearchSeed {
  groups: number;
  perGroup: number;
  joined: number;
}

/** Words at fixed ranks of the vocabulary (rank 0 is the most frequent). */
const RANKED: Record<number, string> = {
  0: 'the', 1: 'and', 2: 'for', 3: 'you', 4: 'are', 5: 'but', 6: 'not', 7: 'all', 8: 'can', 9: 'was',
  100: 'sun',
  200: 'lunch',
  300: 'friday',
  400: 'release',
  500: 'notes',
};
const VOCABULARY_SIZE = 5000;
/** In one message of this many: the rare word, and the phrase. */
export const RARE_EVERY = 20_000;
export const PHRASE_EVERY = 400;
export const RARE_WORD = 'quokka';
export const PHRASE = 'release notes';

/** Pseudo-words from syllables, deterministic; the ranked words in their places. */
function vocabulary(): string[] {
  const onsets = ['b', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'st', 'tr', 'pl'];
  const vowels = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou'];
  const words: string[] = [];
  let n = 0;
  while (words.length < VOCABULARY_SIZE) {
    const rank = words.length;
    if (RANKED[rank]) {
      words.push(RANKED[rank]);
      continue;
    }
    const syllables = 2 + (n % 3);
    let word = '';
    for (let i = 0, x = n * 7919 + 13; i < syllables; i++, x = Math.floor(x / 7) + i * 31) word += onsets[x % onsets.length] + vowels[(x >> 3) % vowels.length];
    n++;
    if (!words.includes(word)) words.push(word);
  }
  return words;
}

export async function seedSearch(databaseUrl: string, authorId: string, searcherId: string, seed: SearchSeed): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const words = vocabulary();
    const total = seed.groups * seed.perGroup;
    const stride = Math.floor(seed.groups / seed.joined);
    await client.query(
      `INSERT INTO groups (key, name, created_by, member_count, last_seq, last_rev, kind, created_at)
       SELECT 'sg' || g, 'sg' || g, $1, CASE WHEN (g - 1) % $3 = 0 AND (g - 1) / $3 < $4 THEN 2 ELSE 1 END, $2, $2, 'group', now() - interval '30 days'
       FROM generate_series(1, $5::int) AS g`,
      [authorId, seed.perGroup, stride, seed.joined, seed.groups],
    );
    await client.query(
      `INSERT INTO memberships (group_key, user_id, read_seq)
       SELECT 'sg' || g, $1, $2 FROM generate_series(1, $3::int) AS g
       UNION ALL
       SELECT 'sg' || (1 + j * $4), $5, $2 FROM generate_series(0, $6::int - 1) AS j`,
      [authorId, seed.perGroup, seed.groups, stride, searcherId, seed.joined],
    );
    // The index is built once after the rows are in (as a restore would), not row by row.
    await client.query('DROP INDEX messages_text_trgm');
    const chunk = 100_000;
    for (let from = 0; from < total; from += chunk) {
      const to = Math.min(total, from + chunk) - 1;
      // Message i is in group 1 + i % groups, seq 1 + i / groups; hashes of i pick its words (u^3: Zipf-like).
      await client.query(
        `INSERT INTO messages (id, group_key, seq, rev, sender_id, text, client_msg_id, created_at)
         SELECT gen_random_uuid(), 'sg' || (1 + i % $1), 1 + i / $1, 1 + i / $1, $2,
                (SELECT string_agg(($3::text[])[1 + floor($4 * power(((hashint8(i * 16 + k) & 1048575) / 1048576.0), 3))::int], ' ')
                 FROM generate_series(1, 6 + (i % 6)) AS k)
                || CASE WHEN hashint8(-i) % $5 = 0 THEN ' ${RARE_WORD}' ELSE '' END
                || CASE WHEN i % $6 = 0 THEN ' ${PHRASE}' ELSE '' END,
                'seed-' || i, now() - make_interval(secs => ($7::bigint - i))
         FROM generate_series($8::bigint, $9::bigint) AS i`,
        [seed.groups, authorId, words, words.length, RARE_EVERY, PHRASE_EVERY, total, from, to],
      );
    }
    await client.query('CREATE INDEX messages_text_trgm ON messages USING gin (lower(text) gin_trgm_ops)');
    await client.query('VACUUM ANALYZE messages');
    await client.query('CHECKPOINT');
    const { rows } = await client.query<{ key: string }>('SELECT group_key AS key FROM memberships WHERE user_id = $1 ORDER BY joined_at', [searcherId]);
    return rows.map((row) => row.key);
  } finally {
    await client.end();
  }
}
