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
  const config = loadConfig({ PASSWORD_HASH_COST: '10', LOGIN_MAX_FAILURES_PER_EMAIL: '3' });
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

  it('refuses even the right password once the email is throttled', async () => {
    for (let i = 0; i < 3; i++) await failure('ana@example.com', 'wrong horse');
    expect(await failure('ana@example.com', 'correct horse')).toMatchObject({ code: 'too_many_attempts' });
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
    expect(checked.length).toBeLessThanOrEqual(3); // LOGIN_MAX_FAILURES_PER_EMAIL
  });
});
