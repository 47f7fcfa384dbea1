import { JwtService } from '@nestjs/jwt';
import { PasswordHasher } from '../auth/password-hasher';
import { SessionTokens } from '../auth/session-tokens';
import { DomainError } from '../common/errors/domain-error';
import { loadConfig } from '../config/app-config';
import { MemoryDatabase } from '../storage/memory/memory-database';
import { MemoryUsersRepository } from '../storage/memory/memory-users.repository';
import { SignupThrottle } from './signup-throttle';
import { UsersService } from './users.service';

describe(UsersService.name, () => {
  const config = loadConfig({ PASSWORD_HASH_COST: '10', SIGNUP_BURST_PER_ADDRESS: '10' });
  const hasher = new PasswordHasher(config);
  const ADDRESS = '10.0.0.1';
  const tokens = new SessionTokens(new JwtService({ secret: 'test secret', signOptions: { expiresIn: 60 } }));
  let users: MemoryUsersRepository;
  let service: UsersService;

  beforeEach(() => {
    users = new MemoryUsersRepository(new MemoryDatabase());
    service = new UsersService(users, hasher, tokens, new SignupThrottle(config));
  });

  it('creates the user and signs them in', async () => {
    const { user, token } = await service.register({ email: 'ana@example.com', password: 'correct horse', displayName: 'Ana B.' }, ADDRESS);
    expect(user).toEqual({ id: expect.any(String), email: 'ana@example.com', displayName: 'Ana B.' });
    expect(user).not.toHaveProperty('passwordHash');
    expect(tokens.verify(token)?.userId).toBe(user.id);
  });

  it('stores only a hash of the password, which verifies', async () => {
    const { user } = await service.register({ email: 'ana@example.com', password: 'correct horse' }, ADDRESS);
    const stored = await users.findById(user.id);
    expect(stored?.passwordHash).not.toContain('correct horse');
    await expect(hasher.verify('correct horse', String(stored?.passwordHash))).resolves.toBe(true);
  });

  it.each([
    ['ana@example.com', undefined, 'ana'],
    ['ana.b+chat@example.com', '', 'ana.b+chat'],
  ])('defaults the display name of %p to the part before @', async (email, displayName, expected) => {
    const { user } = await service.register({ email, password: 'correct horse', displayName }, ADDRESS);
    expect(user.displayName).toBe(expected);
  });

  it('refuses a taken email with conflict', async () => {
    await service.register({ email: 'ana@example.com', password: 'correct horse' }, ADDRESS);
    const error = await service.register({ email: 'ana@example.com', password: 'other horse' }, ADDRESS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'conflict' });
  });

  it('lets only one of two simultaneous registrations of an email succeed', async () => {
    const results = await Promise.allSettled([
      service.register({ email: 'ana@example.com', password: 'correct horse' }, ADDRESS),
      service.register({ email: 'ana@example.com', password: 'other horse' }, ADDRESS),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({ reason: { code: 'conflict' } });
  });

  it('refuses sign-ups from an address past its burst with too_many_attempts, a taken email counted too', async () => {
    await service.register({ email: 'ana@example.com', password: 'correct horse' }, ADDRESS);
    for (let i = 0; i < 9; i++) await service.register({ email: 'ana@example.com', password: 'correct horse' }, ADDRESS).catch(() => undefined);
    const error = await service.register({ email: 'ben@example.com', password: 'correct horse' }, ADDRESS).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'too_many_attempts', retryAfterSeconds: expect.any(Number) });
    expect(await users.findByEmail('ben@example.com')).toBeNull();
    await expect(service.register({ email: 'ben@example.com', password: 'correct horse' }, '10.0.0.2')).resolves.toHaveProperty('token');
  });
});
