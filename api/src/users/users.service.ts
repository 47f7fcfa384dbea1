import type { AuthResponse } from '@chat/protocol';
import { Injectable } from '@nestjs/common';
import { PasswordHasher } from '../auth/password-hasher';
import { SessionTokens } from '../auth/session-tokens';
import { DomainError } from '../common/errors/domain-error';
import { UsersRepository } from '../storage/users.repository';
import type { RegisterDto } from './dto/register.dto';
import { mapUser } from './dto/user.dto';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: SessionTokens,
  ) {}

  /** Creates the account and signs it in. `email` arrives trimmed and lower-cased. */
  async register(input: RegisterDto): Promise<AuthResponse> {
    if (await this.users.findByEmail(input.email)) throw emailTaken();
    const user = await this.users.create({
      email: input.email,
      displayName: input.displayName || input.email.slice(0, input.email.lastIndexOf('@')),
      passwordHash: await this.hasher.hash(input.password),
    });
    // Two registrations of one email can race past the first check while hashing.
    if (!user) throw emailTaken();
    return { user: mapUser(user), token: this.tokens.issue(user.id) };
  }
}

const emailTaken = () => new DomainError('conflict', 'An account with this email already exists');
