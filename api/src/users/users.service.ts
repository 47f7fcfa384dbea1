import { AuthResponse, DISPLAY_NAME_MAX_LENGTH } from '@chat/protocol';
import { Injectable } from '@nestjs/common';
import { PasswordHasher } from '../auth/password-hasher';
import { SessionTokens } from '../auth/session-tokens';
import { DomainError } from '../common/errors/domain-error';
import { UsersRepository } from '../storage/users.repository';
import type { RegisterDto } from './dto/register.dto';
import { mapOwnUser } from './dto/user.dto';
import { SignupThrottle } from './signup-throttle';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: SessionTokens,
    private readonly throttle: SignupThrottle,
  ) {}

  /**
   * Creates the account and signs it in. `email` arrives trimmed and
   * lower-cased. Every valid request from `address` is counted, a taken
   * email too (so the 409 cannot be used to check many emails quickly).
   */
  async register(input: RegisterDto, address: string): Promise<AuthResponse> {
    this.throttle.take(address);
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
