/** Port: session tokens revoked before their expiry (logout). */
export abstract class RevokedTokensRepository {
  /** Remembers `tokenId` as revoked until `expiresAt` (after which the token is invalid anyway). */
  abstract revoke(tokenId: string, expiresAt: Date): Promise<void>;
  abstract isRevoked(tokenId: string): Promise<boolean>;
}
