import { Injectable } from '@nestjs/common';
import { addressKey } from '../common/client-address';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { LoginFailuresRepository } from '../storage/login-failures.repository';

/**
 * Brute-force protection for login, in fixed windows, that an attacker
 * cannot turn against the account's owner (OWASP Authentication Cheat
 * Sheet: a lockout anyone can trigger is a denial of service). Three
 * counters:
 *
 * - per email *from one address* (5): the strict one; failures from other
 *   addresses never use up the owner's;
 * - per email from all addresses (100): stops guessing spread over many
 *   addresses, and takes that many failures from 20 addresses or more to
 *   reach;
 * - per address over all emails (100): stops one address trying many
 *   accounts.
 *
 * Each attempt is counted *before* the password is checked (so a burst of
 * simultaneous guesses cannot slip past a limit while the slow hash runs)
 * and taken back when it succeeds. An attempt that is refused is taken back
 * too: it checked no password, so it is no guess, and counting it would let
 * one address push an email past the all-address limit by repeating
 * refused tries. Past a limit every try is refused with 429 until that
 * window ends, even with the right password, otherwise guessing could go
 * on.
 */
@Injectable()
export class LoginThrottle {
  private readonly windowSeconds: number;
  private readonly limits: ReadonlyArray<[key: (email: string, address: string) => string, max: number]>;

  constructor(
    private readonly attempts: LoginFailuresRepository,
    config: AppConfig,
  ) {
    const login = config.login;
    this.windowSeconds = login.windowSeconds;
    this.limits = [
      [pairKey, login.maxFailuresPerEmailFromAddress],
      [emailKey, login.maxFailuresPerEmail],
      [(_email, address) => anyEmailKey(address), login.maxFailuresPerAddress],
    ];
  }

  /** Counts an attempt; throws `too_many_attempts` when it is over a limit. */
  async begin(email: string, address: string): Promise<void> {
    const client = addressKey(address);
    const counts = await Promise.all(this.limits.map(([key]) => this.attempts.increment(key(email, client), this.windowSeconds)));
    const retryAfter = Math.max(...counts.map((count, i) => (count.count > this.limits[i][1] ? count.resetInSeconds : 0)));
    if (retryAfter > 0) {
      await this.cancel(email, address);
      throw new DomainError('too_many_attempts', `Too many failed sign-in attempts; try again in ${retryAfter} s`, retryAfter);
    }
  }

  /**
   * The attempt succeeded: it is taken back everywhere, and the failures of
   * this email from this address (its owner's typos) are forgotten. Those
   * from other addresses are not the owner's to forgive.
   */
  async succeeded(email: string, address: string): Promise<void> {
    const client = addressKey(address);
    await Promise.all([this.attempts.reset(pairKey(email, client)), this.attempts.decrement(emailKey(email)), this.attempts.decrement(anyEmailKey(client))]);
  }

  /** The attempt checked no password (refused, or the server was too busy to): it is taken back. */
  async cancel(email: string, address: string): Promise<void> {
    const client = addressKey(address);
    await Promise.all(this.limits.map(([key]) => this.attempts.decrement(key(email, client))));
  }
}

const emailKey = (email: string) => `email:${email}`;
const anyEmailKey = (address: string) => `address:${address}`;
/** The address first: it holds no space, so the key is unambiguous whatever the email holds. */
const pairKey = (email: string, address: string) => `email-from-address:${address} ${email}`;
