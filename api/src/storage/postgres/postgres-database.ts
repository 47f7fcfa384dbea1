import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import { Pool, type QueryConfig, types } from 'pg';
import { migrationProvider } from './migrations';
import type { Tables } from './schema';

// bigint columns (seqs) come back as numbers: they stay far below 2^53.
types.setTypeParser(types.builtins.INT8, (value) => Number(value));

/**
 * Bounds on every wait for PostgreSQL, so that while it is unreachable a
 * request fails within seconds (503, `unavailable`) instead of hanging, and
 * the pool recovers on its own once it is back: a new connection can take
 * CONNECT_TIMEOUT_MS, a statement STATEMENT_TIMEOUT_MS (the server cancels
 * it), and pg gives up waiting for any answer a second after that (a
 * connection that silently died).
 */
export const CONNECT_TIMEOUT_MS = 3_000;
export const STATEMENT_TIMEOUT_MS = 10_000;
const POOL_SIZE = 10;

/**
 * The connection pool and query builder shared by the PostgreSQL adapters.
 * `pg` is the standard driver; Kysely adds typed queries and migrations
 * without an ORM's runtime: the SQL that runs is the SQL you read.
 */
export class PostgresDatabase implements OnApplicationShutdown {
  private readonly logger = new Logger(PostgresDatabase.name);
  readonly db: Kysely<Tables>;
  private readonly pool: Pool;

  constructor(private readonly url: string) {
    this.pool = new Pool({
      connectionString: url,
      max: POOL_SIZE,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      statement_timeout: STATEMENT_TIMEOUT_MS,
      query_timeout: STATEMENT_TIMEOUT_MS + 1_000,
      idle_in_transaction_session_timeout: STATEMENT_TIMEOUT_MS,
      keepAlive: true,
    });
    // An idle client losing its connection must not crash the process.
    this.pool.on('error', (error) => this.logger.warn({ err: error }, 'idle PostgreSQL client failed'));
    // Nor may a checked-out one: pg-pool drops its own listener while a client is lent out, and
    // PostgreSQL shutting down ("terminating connection due to administrator command") reaches a
    // client between two statements of a transaction as an 'error' event nobody else listens to.
    // The statement in progress, if any, fails on its own; the pool then discards the client.
    this.pool.on('connect', (client) => client.on('error', (error) => this.logger.warn({ err: error }, 'PostgreSQL connection lost')));
    this.db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: this.pool }) });
  }

  /**
   * Brings the schema up to date; safe to run on every start and from
   * several instances. On a connection of its own, without the statement
   * timeout: a migration may rewrite a large table.
   */
  async migrate(): Promise<string[]> {
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new Pool({ connectionString: this.url, max: 1, connectionTimeoutMillis: CONNECT_TIMEOUT_MS }) }) });
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      const { error, results } = await migrator.migrateToLatest();
      if (error) throw error;
      return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
    } finally {
      await db.destroy();
    }
  }

  /**
   * Runs one of the hot path's statements as a named prepared statement:
   * PostgreSQL parses and plans it once per connection instead of on every
   * send, and no query builder runs. Everything else goes through `db`.
   */
  async prepared<Row>(statement: PreparedStatement, values: unknown[]): Promise<Row[]> {
    const result = await this.pool.query(asQuery(statement, values));
    return result.rows as Row[];
  }

  /**
   * Runs `work` in one transaction on one pooled connection, its statements
   * prepared as in `prepared`; rolls back if it throws.
   */
  async transaction<T>(work: (query: <Row>(statement: PreparedStatement, values: unknown[]) => Promise<Row[]>) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(async (statement, values) => (await client.query(asQuery(statement, values))).rows);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A connection that cannot even roll back is dropped from the pool.
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.db.destroy();
  }
}

export interface PreparedStatement {
  /** Unique per statement text: a connection prepares each name once. */
  name: string;
  text: string;
}

/** pg runs a query config with a name as a named prepared statement. */
function asQuery(statement: PreparedStatement, values: unknown[]): QueryConfig {
  return { name: statement.name, text: statement.text, values };
}

/** PostgreSQL's unique_violation. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === '23505';
}
