import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import { Pool, type QueryConfig, types } from 'pg';
import { migrationProvider } from './migrations';
import type { Tables } from './schema';

// bigint columns (seqs) come back as numbers: they stay far below 2^53.
types.setTypeParser(types.builtins.INT8, (value) => Number(value));

/**
 * The connection pool and query builder shared by the PostgreSQL adapters.
 * `pg` is the standard driver; Kysely adds typed queries and migrations
 * without an ORM's runtime: the SQL that runs is the SQL you read.
 */
export class PostgresDatabase implements OnApplicationShutdown {
  private readonly logger = new Logger(PostgresDatabase.name);
  readonly db: Kysely<Tables>;
  private readonly pool: Pool;

  constructor(url: string) {
    this.pool = new Pool({ connectionString: url, max: 10 });
    // An idle client losing its connection must not crash the process.
    this.pool.on('error', (error) => this.logger.error({ err: error }, 'idle PostgreSQL client failed'));
    this.db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: this.pool }) });
  }

  /** Brings the schema up to date; safe to run on every start and from several instances. */
  async migrate(): Promise<string[]> {
    const migrator = new Migrator({ db: this.db, provider: migrationProvider });
    const { error, results } = await migrator.migrateToLatest();
    if (error) throw error;
    return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
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
