import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { sql } from 'kysely';
import { PostgresDatabase } from '../storage/postgres/postgres-database';

/** How long a ping may take before the database counts as down. */
export const PING_TIMEOUT_MS = 2000;

/** `database`: a `select 1` on PostgreSQL; always up in memory (nothing to reach). */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    /** null when the app runs in memory (see StorageModule). */
    @Inject(PostgresDatabase) private readonly postgres: PostgresDatabase | null,
  ) {}

  check(): PromiseLike<HealthIndicatorResult<'database'>> | HealthIndicatorResult<'database'> {
    const indicator = this.indicators.check('database');
    const postgres = this.postgres;
    if (!postgres) return indicator.up({ store: 'memory' });
    return indicator
      .attempt(async () => {
        await sql`select 1`.execute(postgres.db);
        return { store: 'postgres' };
      })
      .withTimeout(PING_TIMEOUT_MS);
  }
}
