import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig, LoginThrottleConfig } from '../config/app-config';
import { LoginFailuresRepository } from '../storage/login-failures.repository';

/**
 * Brute-force protection for login: failed tries are counted per email and
 * per client address in a fixed window; past the limit every try for that
 * email or from that address is refused with 429 until the window ends,
 * even with the right password (otherwise guessing could go on).
 * Only failures count, so people who sign in correctly are never slowed.
 */
@Injectable()
export class LoginThrottle {
  private readonly limits: LoginThrottleConfig;

  constructor(
    private readonly failures: LoginFailuresRepository,
    config: AppConfig,
  ) {
    this.limits = config.login;
  }

  async assertAllowed(email: string, address: string): Promise<void> {
    const [byEmail, byAddress] = await Promise.all([this.failures.get(emailKey(email)), this.failures.get(addressKey(address))]);
    const blocked = [
      byEmail.count >= this.limits.maxFailuresPerEmail ? byEmail.resetInSeconds : 0,
      byAddress.count >= this.limits.maxFailuresPerAddress ? byAddress.resetInSeconds : 0,
    ];
    const retryAfter = Math.max(...blocked);
    if (retryAfter > 0) {
      throw new DomainError('too_many_attempts', `Too many failed sign-in attempts; try again in ${retryAfter} s`, retryAfter);
    }
  }

  async recordFailure(email: string, address: string): Promise<void> {
    await Promise.all([
      this.failures.increment(emailKey(email), this.limits.windowSeconds),
      this.failures.increment(addressKey(address), this.limits.windowSeconds),
    ]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.failures.reset(emailKey(email));
  }
}

const emailKey = (email: string) => `email:${email}`;
const addressKey = (address: string) => `address:${address}`;
