import { Injectable } from '@nestjs/common';
import { LiveEvents } from '../events/live-events';
import { RevokedTokensRepository } from '../storage/revoked-tokens.repository';
import { UsersRepository } from '../storage/users.repository';
import type { Session } from './session';
import { SessionTokens } from './session-tokens';

/** Turns a bearer token into a session (REST guard and WebSocket handshake alike), and ends one. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly tokens: SessionTokens,
    private readonly users: UsersRepository,
    private readonly revoked: RevokedTokensRepository,
    private readonly events: LiveEvents,
  ) {}

  async authenticate(token: string | undefined): Promise<Session | null> {
    if (!token) return null;
    const verified = this.tokens.verify(token);
    if (!verified) return null;
    // Both at once: one round trip's wait instead of two on every request and handshake.
    const [revoked, user] = await Promise.all([this.revoked.isRevoked(verified.tokenId), this.users.findById(verified.userId)]);
    return user && !revoked ? { user, tokenId: verified.tokenId, expiresAt: verified.expiresAt } : null;
  }

  /** Revokes the token everywhere; every instance closes its sockets with 4401. */
  async logout(session: Session): Promise<void> {
    await this.revoked.revoke(session.tokenId, session.expiresAt);
    this.events.publish({ type: 'session-revoked', tokenId: session.tokenId });
  }
}
