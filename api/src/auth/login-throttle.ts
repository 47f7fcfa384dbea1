import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig, LoginThrottleConfig } from '../config/app-config';
import { LoginFailuresRepository } from '../storage/login-failures.repository';

/**
 * Brute-force protection for login, per email and per client address in a
 * fixed window. Each attempt is counted as a failure *before* the password
 * is checked (so a burst of simultaneous guesses cannot slip past the
 * limit while the slow hash runs) and taken back when it succeeds. Past the
 * limit every try is refused with 429 until the window ends, even with the
 * right password, otherwise guessing could go on. People who sign in
 * correctly never use up the limit.
 */
@Injectable()
export class LoginThrottle {
  private readonly limits: LoginThrottleConfig;

  constructor(
    private readonly attempts: LoginFailuresRepository,
    config: AppConfig,
  ) {
    this.limits = config.login;
  }

  /** Counts an attempt; throws `too_many_attempts` when it is over a limit. */
  async begin(email: string, address: string): Promise<void> {
    const window = this.limits.windowSeconds;
    const [byEmail, byAddress] = await Promise.all([
      this.attempts.increment(emailKey(email), window),
      this.attempts.increment(addressKey(address), window),
    ]);
    const waits = [
      byEmail.count > this.limits.maxFailuresPerEmail ? byEmail.resetInSeconds : 0,
      byAddress.count > this.limits.maxFailuresPerAddress ? byAddress.resetInSeconds : 0,
    ];
    const retryAfter = Math.max(...waits);
    if (retryAfter > 0) {
      throw new DomainError('too_many_attempts', `Too many failed sign-in attempts; try again in ${retryAfter} s`, retryAfter);
    }
  }

  /** The attempt succeeded: the email starts afresh and the address gets its try back. */
  async succeeded(email: string, address: string): Promise<void> {
    await Promise.all([this.attempts.reset(emailKey(email)), this.attempts.decrement(addressKey(address))]);
  }
}

const emailKey = (email: string) => `email:${email}`;
const addressKey = (address: string) => `address:${address}`;
