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
    const valid = user ? await this.hasher.verify(password, user.passwordHash) : await this.hasher.verifyDecoy(password);
    if (!user || !valid) throw new DomainError('unauthorized', 'Wrong email or password');
    await this.throttle.succeeded(email, address);
    return { user: mapOwnUser(user), token: this.tokens.issue(user.id) };
  }
}
