import { AuthResponse, DISPLAY_NAME_MAX_LENGTH } from '@chat/protocol';
import { Injectable } from '@nestjs/common';
import { PasswordHasher } from '../auth/password-hasher';
import { SessionTokens } from '../auth/session-tokens';
import { DomainError } from '../common/errors/domain-error';
import { UsersRepository } from '../storage/users.repository';
import type { RegisterDto } from './dto/register.dto';
import { mapOwnUser } from './dto/user.dto';

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
      displayName: input.displayName || defaultDisplayName(input.email),
      passwordHash: await this.hasher.hash(input.password),
    });
    // Two registrations of one email can race past the first check while hashing.
    if (!user) throw emailTaken();
    return { user: mapOwnUser(user), token: this.tokens.issue(user.id) };
  }
}

/** The part of the email before `@`, cut to the display-name limit (a local part may be 64 long). */
function defaultDisplayName(email: string): string {
  return [...email.slice(0, email.lastIndexOf('@'))].slice(0, DISPLAY_NAME_MAX_LENGTH).join('');
}

const emailTaken = () => new DomainError('conflict', 'An account with this email already exists');
