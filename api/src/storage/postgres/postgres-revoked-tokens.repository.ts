import { RevokedTokensRepository } from '../revoked-tokens.repository';
import { PostgresDatabase, type PreparedStatement } from './postgres-database';

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

  /** Prepared: every authenticated request and every WebSocket handshake asks. */
  async isRevoked(tokenId: string): Promise<boolean> {
    const rows = await this.pg.prepared(IS_REVOKED, [tokenId]);
    return rows.length > 0;
  }

  async revokedAmong(tokenIds: readonly string[]): Promise<Set<string>> {
    if (tokenIds.length === 0) return new Set();
    const rows = await this.pg.db.selectFrom('revoked_tokens').select('token_id').where('token_id', 'in', [...tokenIds]).execute();
    return new Set(rows.map((row) => row.token_id));
  }
}

const IS_REVOKED: PreparedStatement = { name: 'is_token_revoked', text: 'SELECT 1 FROM revoked_tokens WHERE token_id = $1' };
