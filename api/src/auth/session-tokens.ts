import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';

interface TokenClaims {
  sub: string;
  jti: string;
  exp: number;
}

export interface VerifiedToken {
  userId: string;
  tokenId: string;
  expiresAt: Date;
}

/**
 * Session tokens are JWTs signed with AUTH_SECRET (HS256), so any instance
 * with the same secret accepts them; each carries an id (`jti`) so that
 * logout can revoke exactly one.
 */
@Injectable()
export class SessionTokens {
  constructor(private readonly jwt: JwtService) {}

  issue(userId: string): string {
    return this.jwt.sign({ sub: userId, jti: randomUUID() });
  }

  /** `null` for anything but a valid, unexpired token of ours. Synchronous HMAC: cheap. */
  verify(token: string): VerifiedToken | null {
    try {
      const claims = this.jwt.verify<TokenClaims>(token);
      if (typeof claims.sub !== 'string' || typeof claims.jti !== 'string' || typeof claims.exp !== 'number') return null;
      return { userId: claims.sub, tokenId: claims.jti, expiresAt: new Date(claims.exp * 1000) };
    } catch {
      return null;
    }
  }
}
