import { JwtService } from '@nestjs/jwt';
import { DomainError } from '../common/errors/domain-error';
import { loadConfig } from '../config/app-config';
import type { UserRecord } from '../storage/records';
import { MemoryDatabase } from '../storage/memory/memory-database';
import { MemoryLoginFailuresRepository } from '../storage/memory/memory-login-failures.repository';
import { MemoryUsersRepository } from '../storage/memory/memory-users.repository';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { SessionTokens } from './session-tokens';

describe(AuthService.name, () => {
  const config = loadConfig({ PASSWORD_HASH_COST: '10', LOGIN_MAX_FAILURES_PER_EMAIL_FROM_ADDRESS: '3', LOGIN_MAX_FAILURES_PER_EMAIL: '6' });
  const hasher = new PasswordHasher(config);
  const tokens = new SessionTokens(new JwtService({ secret: 'test secret', signOptions: { expiresIn: 60 } }));
  let auth: AuthService;
  let anaId: string;

  beforeEach(async () => {
    const db = new MemoryDatabase();
    const users = new MemoryUsersRepository(db);
    auth = new AuthService(users, hasher, tokens, new LoginThrottle(new MemoryLoginFailuresRepository(db), config));
    const ana = await users.create({ email: 'ana@example.com', displayName: 'Ana', passwordHash: await hasher.hash('correct horse') });
    anaId = (ana as UserRecord).id;
  });

  const failure = (email: string, password: string, address = '10.0.0.1') =>
    auth.login(email, password, address).then(() => undefined, (error: unknown) => error);

  it('signs in with the right password: the public user and a token for them', async () => {
    const { user, token } = await auth.login('ana@example.com', 'correct horse', '10.0.0.1');
    expect(user).toEqual({ id: anaId, email: 'ana@example.com', displayName: 'Ana' });
    expect(tokens.verify(token)?.userId).toBe(anaId);
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const unknown = await failure('nobody@example.com', 'correct horse');
    const wrong = await failure('ana@example.com', 'wrong horse');
    expect(unknown).toBeInstanceOf(DomainError);
    expect(wrong).toEqual(unknown);
    expect(wrong).toMatchObject({ code: 'unauthorized', message: (unknown as DomainError).message });
  });

  it('refuses even the right password from an address where the email is throttled', async () => {
    for (let i = 0; i < 3; i++) await failure('ana@example.com', 'wrong horse');
    expect(await failure('ana@example.com', 'correct horse')).toMatchObject({ code: 'too_many_attempts' });
  });

  it('still lets the owner in from their own address when the failures came from another', async () => {
    for (let i = 0; i < 3; i++) await failure('ana@example.com', 'wrong horse', '203.0.113.7');
    expect(await failure('ana@example.com', 'wrong horse', '203.0.113.7')).toMatchObject({ code: 'too_many_attempts' });
    await expect(auth.login('ana@example.com', 'correct horse', '10.0.0.1')).resolves.toHaveProperty('token');
  });

  it('refuses the email from every address once the failures from all of them reach its limit', async () => {
    for (const address of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
      for (let i = 0; i < 2; i++) await failure('ana@example.com', 'wrong horse', address);
    }
    expect(await failure('ana@example.com', 'correct horse', '10.0.0.1')).toMatchObject({ code: 'too_many_attempts' });
  });

  it('forgets earlier failures of the email after a success', async () => {
    for (let i = 0; i < 2; i++) await failure('ana@example.com', 'wrong horse');
    await auth.login('ana@example.com', 'correct horse', '10.0.0.1');
    for (let i = 0; i < 2; i++) await failure('ana@example.com', 'wrong horse');
    await expect(auth.login('ana@example.com', 'correct horse', '10.0.0.1')).resolves.toHaveProperty('token');
  });

  it('refuses tries past the limit even when they arrive at once', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => failure('ana@example.com', 'wrong horse')));
    const checked = results.filter((error) => (error as DomainError).code === 'unauthorized');
    expect(checked.length).toBeLessThanOrEqual(3); // LOGIN_MAX_FAILURES_PER_EMAIL_FROM_ADDRESS
  });

  it('does not count a try the server was too busy to check (503)', async () => {
    const busy = loadConfig({ PASSWORD_HASH_COST: '14', PASSWORD_HASH_CONCURRENCY: '1', PASSWORD_HASH_QUEUE_LIMIT: '0', LOGIN_MAX_FAILURES_PER_EMAIL_FROM_ADDRESS: '3' });
    const db = new MemoryDatabase();
    const users = new MemoryUsersRepository(db);
    const busyHasher = new PasswordHasher(busy);
    await users.create({ email: 'ana@example.com', displayName: 'Ana', passwordHash: await busyHasher.hash('correct horse') });
    const busyAuth = new AuthService(users, busyHasher, tokens, new LoginThrottle(new MemoryLoginFailuresRepository(db), busy));

    const codes: string[] = [];
    for (let round = 0; round < 2; round++) {
      // One hash at a time and none waiting: of two at once, one is checked and one refused.
      const pair = await Promise.all([1, 2].map(() => busyAuth.login('ana@example.com', 'wrong horse', '10.0.0.1').catch((e: DomainError) => e.code)));
      codes.push(...(pair as string[]));
    }
    expect(codes.sort()).toEqual(['unauthorized', 'unauthorized', 'unavailable', 'unavailable']);
    // Only the 2 tries that were checked counted (the limit is 3): the right password still gets in.
    await expect(busyAuth.login('ana@example.com', 'correct horse', '10.0.0.1')).resolves.toHaveProperty('token');
  });
});
