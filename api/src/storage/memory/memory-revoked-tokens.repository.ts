import { Injectable } from '@nestjs/common';
import { RevokedTokensRepository } from '../revoked-tokens.repository';
import { MemoryDatabase } from './memory-database';

@Injectable()
export class MemoryRevokedTokensRepository extends RevokedTokensRepository {
  constructor(private readonly db: MemoryDatabase) {
    super();
  }

  async revoke(tokenId: string, expiresAt: Date): Promise<void> {
    this.forgetExpired();
    this.db.revokedTokens.set(tokenId, expiresAt.getTime());
  }

  async isRevoked(tokenId: string): Promise<boolean> {
    return this.db.revokedTokens.has(tokenId);
  }

  async revokedAmong(tokenIds: readonly string[]): Promise<Set<string>> {
    return new Set(tokenIds.filter((id) => this.db.revokedTokens.has(id)));
  }

  /** An expired token is refused anyway, so its revocation need not be kept. */
  private forgetExpired(): void {
    const now = Date.now();
    for (const [id, expiresAt] of this.db.revokedTokens) if (expiresAt <= now) this.db.revokedTokens.delete(id);
  }
}
