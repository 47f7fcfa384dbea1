import { Injectable } from '@nestjs/common';
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { BoundedWorkQueue } from '../common/bounded-work-queue';
import { AppConfig } from '../config/app-config';

const KEY_LENGTH = 32;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;

function scryptAsync(password: string, salt: Buffer, cost: number, blockSize: number, parallelism: number): Promise<Buffer> {
  const N = 2 ** cost;
  // scrypt needs 128 * N * r bytes; Node refuses above maxmem (32 MiB by default).
  const maxmem = 256 * N * blockSize;
  return new Promise((done, fail) =>
    scrypt(password, salt, KEY_LENGTH, { N, r: BLOCK_SIZE, p: parallelism, maxmem }, (error, key) => (error ? fail(error) : done(key))),
  );
}

/**
 * Slow salted hashing with Node's own scrypt (OWASP: N=2^17, r=8, p=1), which
 * runs on libuv's thread pool, never on the event loop. The parameters are
 * stored in each hash, so the cost can be raised later without breaking
 * existing passwords.
 *
 * Every scrypt waits its turn in one bounded queue: a burst of sign-ups or
 * logins must not take every thread of the pool (file reads and DNS queue
 * behind them) nor 128 MiB each at once. Past the queue's bound a hash is
 * refused with `unavailable` (503), before it costs anything
 * (docs/decisions/hashing-queue.md).
 */
@Injectable()
export class PasswordHasher {
  private readonly cost: number;
  private readonly queue: BoundedWorkQueue;
  /** A stored hash of the current cost that no password matches (its key is random), for verifyDecoy. */
  private readonly decoy: string;

  constructor(config: AppConfig) {
    this.cost = config.passwordHashCost;
    this.queue = new BoundedWorkQueue(config.passwordHashConcurrency, config.passwordHashQueueLimit);
    this.decoy = this.format(this.cost, randomBytes(16), randomBytes(KEY_LENGTH));
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await this.scrypt(password, salt, this.cost, BLOCK_SIZE, PARALLELISM);
    return this.format(this.cost, salt, key);
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const [scheme, cost, blockSize, parallelism, salt, key] = stored.split('$');
    if (scheme !== 'scrypt' || !key) return false;
    const expected = Buffer.from(key, 'base64');
    const actual = await this.scrypt(password, Buffer.from(salt, 'base64'), Number(cost), Number(blockSize), Number(parallelism));
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  /**
   * Spends the time of a real check, for an unknown email: the answer must
   * not reveal which emails have accounts.
   */
  async verifyDecoy(password: string): Promise<false> {
    await this.verify(password, this.decoy);
    return false;
  }

  private scrypt(password: string, salt: Buffer, cost: number, blockSize: number, parallelism: number): Promise<Buffer> {
    return this.queue.run(() => scryptAsync(password, salt, cost, blockSize, parallelism));
  }

  private format(cost: number, salt: Buffer, key: Buffer): string {
    return ['scrypt', cost, BLOCK_SIZE, PARALLELISM, salt.toString('base64'), key.toString('base64')].join('$');
  }
}
