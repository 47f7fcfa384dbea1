import { RevokedTokensRepository } from '../revoked-tokens.repository';
import { PostgresDatabase } from './postgres-database';

export class PostgresRevokedTokensRepository extends RevokedTokensRepository {
  constructor(private readonly pg: PostgresDatabase) {
    super();
  }

  async revoke(tokenId: string, expiresAt: Date): Promise<void> {
    // An expired token is refused anyway: its revocation need not be kept.
    await this.pg.db.deleteFrom('revoked_tokens').where('expires_at', '<=', new Date()).execute();
    await this.pg.db
      .insertInto('revoked_tokens')
      .values({ token_id: tokenId, expires_at: expiresAt })
      .onConflict((oc) => oc.column('token_id').doNothing())
      .execute();
  }

  async isRevoked(tokenId: string): Promise<boolean> {
    const row = await this.pg.db.selectFrom('revoked_tokens').select('token_id').where('token_id', '=', tokenId).executeTakeFirst();
    return row !== undefined;
  }
}
