import { DomainError } from '../common/errors/domain-error';
import { loadConfig } from '../config/app-config';
import { MemoryDatabase } from '../storage/memory/memory-database';
import { MemoryLoginFailuresRepository } from '../storage/memory/memory-login-failures.repository';
import { LoginThrottle } from './login-throttle';

describe(LoginThrottle.name, () => {
  let throttle: LoginThrottle;

  beforeEach(() => {
    const config = loadConfig({
      LOGIN_MAX_FAILURES_PER_EMAIL_FROM_ADDRESS: '3',
      LOGIN_MAX_FAILURES_PER_EMAIL: '7',
      LOGIN_MAX_FAILURES_PER_ADDRESS: '5',
      LOGIN_FAILURE_WINDOW_SECONDS: '600',
    });
    throttle = new LoginThrottle(new MemoryLoginFailuresRepository(new MemoryDatabase()), config);
  });

  /** `times` attempts that each fail (begin without success). */
  async function fail(times: number, email: string, address: string): Promise<void> {
    for (let i = 0; i < times; i++) await throttle.begin(email, address);
  }

  async function refusal(email: string, address: string): Promise<DomainError> {
    const error = await throttle.begin(email, address).then(() => undefined, (e: unknown) => e);
    if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
    return error;
  }

  it('allows attempts up to the limit', async () => {
    await fail(2, 'ana@example.com', '10.0.0.1');
    await expect(throttle.begin('ana@example.com', '10.0.0.1')).resolves.toBeUndefined();
  });

  it('blocks an email from one address after its failures there, with the wait in seconds', async () => {
    await fail(3, 'ana@example.com', '10.0.0.1');
    const error = await refusal('ana@example.com', '10.0.0.1');
    expect(error.code).toBe('too_many_attempts');
    expect(error.retryAfterSeconds).toBeGreaterThan(590);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(600);
    await expect(throttle.begin('ben@example.com', '10.0.0.1')).resolves.toBeUndefined();
  });

  it('does not block the email from another address: failures elsewhere are not its owner’s', async () => {
    await fail(3, 'ana@example.com', '10.0.0.1');
    await expect(throttle.begin('ana@example.com', '10.0.0.2')).resolves.toBeUndefined();
  });

  it('blocks an email from every address after its failures from all of them together', async () => {
    for (const address of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) await fail(2, 'ana@example.com', address);
    await fail(1, 'ana@example.com', '10.0.0.4'); // 7 in all
    expect((await refusal('ana@example.com', '10.0.0.5')).code).toBe('too_many_attempts');
  });

  it('does not count refused attempts: one address repeating them cannot push the email over the all-address limit', async () => {
    await fail(3, 'ana@example.com', '10.0.0.1');
    for (let i = 0; i < 20; i++) await refusal('ana@example.com', '10.0.0.1');
    await fail(3, 'ana@example.com', '10.0.0.2'); // 6 counted in all, under 7
    await expect(throttle.begin('ana@example.com', '10.0.0.3')).resolves.toBeUndefined();
  });

  it('blocks an address after its failures, for any email', async () => {
    for (let i = 0; i < 5; i++) await fail(1, `user${i}@example.com`, '10.0.0.9');
    expect((await refusal('new@example.com', '10.0.0.9')).code).toBe('too_many_attempts');
    await expect(throttle.begin('new@example.com', '10.0.0.10')).resolves.toBeUndefined();
  });

  it('counts the addresses of one IPv6 /64 as one', async () => {
    for (let i = 1; i <= 3; i++) await fail(1, 'ana@example.com', `2001:db8:0:1::${i}`);
    expect((await refusal('ana@example.com', '2001:db8:0:1::99')).code).toBe('too_many_attempts');
    await expect(throttle.begin('ana@example.com', '2001:db8:0:2::1')).resolves.toBeUndefined();
  });

  it('counts simultaneous attempts before any of them is judged', async () => {
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => throttle.begin('ana@example.com', '10.0.0.1')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
  });

  it('after a success forgets the failures from that address and takes the attempt back everywhere', async () => {
    await fail(2, 'ana@example.com', '10.0.0.1');
    await throttle.begin('ana@example.com', '10.0.0.1');
    await throttle.succeeded('ana@example.com', '10.0.0.1');
    await fail(3, 'ana@example.com', '10.0.0.1'); // the pair starts afresh: 3 more pass
    // The address: 2 + 3 = 5 failures, its limit.
    expect((await refusal('ben@example.com', '10.0.0.1')).code).toBe('too_many_attempts');
    // The email, from all addresses: 2 + 3 = 5 failures; two more reach its limit of 7.
    await fail(2, 'ana@example.com', '10.0.0.2');
    expect((await refusal('ana@example.com', '10.0.0.3')).code).toBe('too_many_attempts');
  });

  it('takes a cancelled attempt (no password checked) back from every count', async () => {
    await fail(2, 'ana@example.com', '10.0.0.1');
    for (let i = 0; i < 5; i++) {
      await throttle.begin('ana@example.com', '10.0.0.1');
      await throttle.cancel('ana@example.com', '10.0.0.1');
    }
    await expect(throttle.begin('ana@example.com', '10.0.0.1')).resolves.toBeUndefined();
  });
});
