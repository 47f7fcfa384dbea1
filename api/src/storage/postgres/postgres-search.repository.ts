import { sql, type RawBuilder } from 'kysely';
import { compareNewestFirst, SearchPosition, SearchRepository, SearchRequest, SearchResult } from '../search.repository';
import { MESSAGE_EXTRAS, MessageRow, REPLY_JOIN, toMessage } from './message-rows';
import { PostgresDatabase } from './postgres-database';

/**
 * Messages looked at per request when no term can use the trigram index
 * (every term shorter than three letters or digits in a row): the caller's
 * newest messages, this many at most; the rest is the next page's.
 */
export const SHORT_TERMS_SCAN_BUDGET = 5_000;

type Positioned = { at_micros: number; seq: number; group_key: string };

/**
 * Substring search on PostgreSQL (docs/decisions/search.md):
 * - terms with three letters or digits in a row are served by the trigram
 *   index `messages_text_trgm` (pg_trgm, GIN on `lower(text)`): one
 *   statement, the page in order;
 * - terms that no trigram can serve (`a`, `ok`, `c#`) scan the caller's
 *   newest SHORT_TERMS_SCAN_BUDGET messages, and the page ends where the
 *   scan stopped (`next`), so one request stays bounded however rare the
 *   match; the client asks again with it.
 * Both sides are lower-cased by PostgreSQL's `lower()`, the index's
 * expression; `%`, `_` and `\` in a term are literal.
 */
export class PostgresSearchRepository extends SearchRepository {
  constructor(private readonly pg: PostgresDatabase) {
    super();
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    if (request.groupKeys.length === 0 || request.terms.length === 0) return { messages: [], next: null };
    return request.terms.some(trigramServable) ? this.byIndex(request) : this.byRecentScan(request);
  }

  private async byIndex({ groupKeys, terms, after, limit }: SearchRequest): Promise<SearchResult> {
    const { rows } = await sql<MessageRow & Positioned>`
      SELECT m.*, ${sql.raw(MESSAGE_EXTRAS)}, ${AT_MICROS} AS at_micros
      FROM messages m ${sql.raw(REPLY_JOIN)}
      WHERE m.group_key = ANY(${groupKeys}::text[]) AND NOT m.deleted AND ${matchesAll(terms)} ${olderThan(after)}
      ORDER BY m.created_at DESC, m.seq DESC, m.group_key DESC
      LIMIT ${limit + 1}
    `.execute(this.pg.db);
    const page = rows.slice(0, limit);
    return { messages: page.map(toMessage), next: rows.length > limit ? positionOf(page[page.length - 1]) : null };
  }

  private async byRecentScan({ groupKeys, terms, after, limit }: SearchRequest): Promise<SearchResult> {
    // The hits among the newest messages scanned, and the last message scanned (where the next page starts).
    const { rows: scanned } = await sql<Positioned & { hit: boolean; scanned: number; last: boolean }>`
      SELECT group_key, seq, at_micros, hit, scanned, last FROM (
        SELECT m.group_key, m.seq, ${AT_MICROS} AS at_micros,
               NOT m.deleted AND ${matchesAll(terms)} AS hit,
               count(*) OVER () AS scanned,
               row_number() OVER newest_first = count(*) OVER () AS last
        FROM (
          SELECT m.group_key, m.seq, m.created_at, m.deleted, m.text FROM messages m
          WHERE m.group_key = ANY(${groupKeys}::text[]) ${olderThan(after)}
          ORDER BY m.created_at DESC, m.seq DESC, m.group_key DESC
          LIMIT ${SHORT_TERMS_SCAN_BUDGET}
        ) m
        WINDOW newest_first AS (ORDER BY m.created_at DESC, m.seq DESC, m.group_key DESC)
      ) s
      WHERE hit OR last
    `.execute(this.pg.db);
    const hits = scanned.filter((row) => row.hit).sort((a, b) => compareNewestFirst(positionOf(a), positionOf(b)));
    const page = hits.slice(0, limit);
    const last = scanned.find((row) => row.last);
    const next = hits.length > limit ? positionOf(page[page.length - 1]) : last && Number(last.scanned) >= SHORT_TERMS_SCAN_BUDGET ? positionOf(last) : null;
    if (page.length === 0) return { messages: [], next };
    const { rows } = await sql<MessageRow>`
      SELECT m.*, ${sql.raw(MESSAGE_EXTRAS)}
      FROM unnest(${page.map((hit) => hit.group_key)}::text[], ${page.map((hit) => hit.seq)}::bigint[]) AS hit (group_key, seq)
      JOIN messages m ON m.group_key = hit.group_key AND m.seq = hit.seq ${sql.raw(REPLY_JOIN)}
    `.execute(this.pg.db);
    const byPlace = new Map(rows.map((row) => [`${row.group_key}\n${row.seq}`, row]));
    // A hit deleted between the two statements is simply left out.
    const messages = page.flatMap((hit) => {
      const row = byPlace.get(`${hit.group_key}\n${hit.seq}`);
      return row && !row.deleted ? [toMessage(row)] : [];
    });
    return { messages, next };
  }
}

/** created_at in whole microseconds since the epoch, exactly (extract gives a numeric). */
const AT_MICROS = sql`(extract(epoch FROM m.created_at) * 1000000)::bigint`;

function matchesAll(terms: readonly string[]): RawBuilder<unknown> {
  return sql.join(
    terms.map((term) => sql`lower(m.text) LIKE lower(${likePattern(term)}) ESCAPE '\\'`),
    sql` AND `,
  );
}

function olderThan(after: SearchPosition | undefined): RawBuilder<unknown> {
  if (!after) return sql``;
  const at = sql`timestamptz 'epoch' + ${after.atMicros}::bigint * interval '1 microsecond'`;
  return sql`AND (m.created_at, m.seq, m.group_key) < (${at}, ${after.seq}::bigint, ${after.groupKey}::text)`;
}

/** `%term%`, with LIKE's own characters in the term taken literally. */
function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, '\\$&')}%`;
}

/** pg_trgm takes trigrams from runs of letters and digits: a term with three in a row can use the index. */
function trigramServable(term: string): boolean {
  return /[\p{L}\p{N}]{3}/u.test(term);
}

function positionOf(row: Positioned): SearchPosition {
  return { atMicros: Number(row.at_micros), seq: Number(row.seq), groupKey: row.group_key };
}
