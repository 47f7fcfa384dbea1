import { Injectable } from '@nestjs/common';
import { addressKey } from '../common/client-address';
import { DomainError } from '../common/errors/domain-error';
import { TokenBuckets } from '../common/token-buckets';
import { AppConfig } from '../config/app-config';

/**
 * Sign-ups per client address: a token bucket of SIGNUP_BURST_PER_ADDRESS
 * (300) that refills SIGNUP_PER_MINUTE_PER_ADDRESS (60) a minute. The burst
 * lets a test suite register hundreds of users at once from one machine; the
 * refill stops a flood from one address after it.
 *
 * In memory, per instance, on purpose: what it protects is the instance's
 * own CPU and memory (each hash costs ~0.3 s of a core and 128 MiB), and the
 * hashing queue holds per instance too. With N instances an address gets N
 * bursts, and a restart hands out a fresh one: a known, bounded slack, for
 * no database write on every sign-up. (Login guessing, which must be
 * limited across instances, is counted in the database: LoginThrottle.)
 */
@Injectable()
export class SignupThrottle {
  private readonly buckets: TokenBuckets;

  constructor(config: AppConfig) {
    this.buckets = new TokenBuckets(config.signup.burstPerAddress, config.signup.perMinutePerAddress / 60);
  }

  /** Throws `too_many_attempts` (429 with Retry-After) when the address has used up its sign-ups. */
  take(address: string): void {
    const retryAfter = this.buckets.take(addressKey(address));
    if (retryAfter > 0) throw new DomainError('too_many_attempts', `Too many sign-ups from this address; try again in ${retryAfter} s`, retryAfter);
  }
}
