import type { AuthResponse } from '@chat/protocol';
import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { UsersRepository } from '../storage/users.repository';
import { mapOwnUser } from '../users/dto/user.dto';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { SessionTokens } from './session-tokens';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: SessionTokens,
    private readonly throttle: LoginThrottle,
  ) {}

  /** The same 401 for an unknown email and a wrong password, after the same work. */
  async login(email: string, password: string, address: string): Promise<AuthResponse> {
    await this.throttle.begin(email, address);
    const user = await this.users.findByEmail(email);
    const valid = await this.check(password, user?.passwordHash).catch(async (error: unknown) => {
      // Too busy to check (503): that was no guess, so it does not count against the email.
      if (error instanceof DomainError && error.code === 'unavailable') await this.throttle.cancel(email, address);
      throw error;
    });
    if (!user || !valid) throw new DomainError('unauthorized', 'Wrong email or password');
    await this.throttle.succeeded(email, address);
    return { user: mapOwnUser(user), token: this.tokens.issue(user.id) };
  }

  private check(password: string, stored: string | undefined): Promise<boolean> {
    return stored === undefined ? this.hasher.verifyDecoy(password) : this.hasher.verify(password, stored);
  }
}
