/** Port: session tokens revoked before their expiry (logout). */
export abstract class RevokedTokensRepository {
  /** Remembers `tokenId` as revoked until `expiresAt` (after which the token is invalid anyway). */
  abstract revoke(tokenId: string, expiresAt: Date): Promise<void>;
  abstract isRevoked(tokenId: string): Promise<boolean>;
  /** Which of these tokens are revoked, in one look-up (live sockets are re-checked after a Redis outage). */
  abstract revokedAmong(tokenIds: readonly string[]): Promise<Set<string>>;
}
