import { DomainError } from '../common/errors/domain-error';
import { loadConfig } from '../config/app-config';
import { MemoryDatabase } from '../storage/memory/memory-database';
import { MemoryLoginFailuresRepository } from '../storage/memory/memory-login-failures.repository';
import { LoginThrottle } from './login-throttle';

describe(LoginThrottle.name, () => {
  let throttle: LoginThrottle;

  beforeEach(() => {
    const config = loadConfig({
      LOGIN_MAX_FAILURES_PER_EMAIL: '3',
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

  it('blocks an email after its failures, from any address, with the wait in seconds', async () => {
    await fail(3, 'ana@example.com', '10.0.0.1');
    const error = await refusal('ana@example.com', '10.0.0.2');
    expect(error.code).toBe('too_many_attempts');
    expect(error.retryAfterSeconds).toBeGreaterThan(590);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(600);
    await expect(throttle.begin('ben@example.com', '10.0.0.2')).resolves.toBeUndefined();
  });

  it('blocks an address after its failures, for any email', async () => {
    for (let i = 0; i < 5; i++) await fail(1, `user${i}@example.com`, '10.0.0.9');
    expect((await refusal('new@example.com', '10.0.0.9')).code).toBe('too_many_attempts');
    await expect(throttle.begin('new@example.com', '10.0.0.10')).resolves.toBeUndefined();
  });

  it('counts simultaneous attempts before any of them is judged', async () => {
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => throttle.begin('ana@example.com', '10.0.0.1')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
  });

  it('forgets the email failures after a success and gives the address its attempt back', async () => {
    await fail(2, 'ana@example.com', '10.0.0.1');
    await throttle.begin('ana@example.com', '10.0.0.1');
    await throttle.succeeded('ana@example.com', '10.0.0.1');
    await fail(3, 'ana@example.com', '10.0.0.1'); // address: 2 + 3 = 5 failures, the limit
    expect((await refusal('ben@example.com', '10.0.0.1')).code).toBe('too_many_attempts');
  });
});
