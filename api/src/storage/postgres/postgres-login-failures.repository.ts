import { sql } from 'kysely';
import { LoginFailuresRepository, WindowCount } from '../login-failures.repository';
import { PostgresDatabase } from './postgres-database';

/** Shared by every instance, so the limits hold however requests are spread. */
export class PostgresLoginFailuresRepository extends LoginFailuresRepository {
  constructor(private readonly pg: PostgresDatabase) {
    super();
  }

  /** One upsert: a new window when the old one has ended, else one more. */
  async increment(key: string, windowSeconds: number): Promise<WindowCount> {
    const resetAt = sql<Date>`now() + make_interval(secs => ${windowSeconds})`;
    const expired = sql<boolean>`login_attempts.reset_at <= now()`;
    const row = await this.pg.db
      .insertInto('login_attempts')
      .values({ key, count: 1, reset_at: resetAt })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          count: sql<number>`CASE WHEN ${expired} THEN 1 ELSE login_attempts.count + 1 END`,
          reset_at: sql<Date>`CASE WHEN ${expired} THEN ${resetAt} ELSE login_attempts.reset_at END`,
        }),
      )
      .returning(['count', sql<number>`ceil(extract(epoch FROM reset_at - now()))`.as('reset_in')])
      .executeTakeFirstOrThrow();
    return { count: row.count, resetInSeconds: Math.max(1, Number(row.reset_in)) };
  }

  async decrement(key: string): Promise<void> {
    await this.pg.db
      .updateTable('login_attempts')
      .set((eb) => ({ count: eb('count', '-', 1) }))
      .where('key', '=', key)
      .where('count', '>', 0)
      .execute();
  }

  async reset(key: string): Promise<void> {
    await this.pg.db.deleteFrom('login_attempts').where('key', '=', key).execute();
  }
}
