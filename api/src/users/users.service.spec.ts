import { JwtService } from '@nestjs/jwt';
import { PasswordHasher } from '../auth/password-hasher';
import { SessionTokens } from '../auth/session-tokens';
import { DomainError } from '../common/errors/domain-error';
import { loadConfig } from '../config/app-config';
import { MemoryDatabase } from '../storage/memory/memory-database';
import { MemoryUsersRepository } from '../storage/memory/memory-users.repository';
import { UsersService } from './users.service';

describe(UsersService.name, () => {
  const hasher = new PasswordHasher(loadConfig({ PASSWORD_HASH_COST: '10' }));
  const tokens = new SessionTokens(new JwtService({ secret: 'test secret', signOptions: { expiresIn: 60 } }));
  let users: MemoryUsersRepository;
  let service: UsersService;

  beforeEach(() => {
    users = new MemoryUsersRepository(new MemoryDatabase());
    service = new UsersService(users, hasher, tokens);
  });

  it('creates the user and signs them in', async () => {
    const { user, token } = await service.register({ email: 'ana@example.com', password: 'correct horse', displayName: 'Ana B.' });
    expect(user).toEqual({ id: expect.any(String), email: 'ana@example.com', displayName: 'Ana B.' });
    expect(user).not.toHaveProperty('passwordHash');
    expect(tokens.verify(token)?.userId).toBe(user.id);
  });

  it('stores only a hash of the password, which verifies', async () => {
    const { user } = await service.register({ email: 'ana@example.com', password: 'correct horse' });
    const stored = await users.findById(user.id);
    expect(stored?.passwordHash).not.toContain('correct horse');
    await expect(hasher.verify('correct horse', String(stored?.passwordHash))).resolves.toBe(true);
  });

  it.each([
    ['ana@example.com', undefined, 'ana'],
    ['ana.b+chat@example.com', '', 'ana.b+chat'],
  ])('defaults the display name of %p to the part before @', async (email, displayName, expected) => {
    const { user } = await service.register({ email, password: 'correct horse', displayName });
    expect(user.displayName).toBe(expected);
  });

  it('refuses a taken email with conflict', async () => {
    await service.register({ email: 'ana@example.com', password: 'correct horse' });
    const error = await service.register({ email: 'ana@example.com', password: 'other horse' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'conflict' });
  });

  it('lets only one of two simultaneous registrations of an email succeed', async () => {
    const results = await Promise.allSettled([
      service.register({ email: 'ana@example.com', password: 'correct horse' }),
      service.register({ email: 'ana@example.com', password: 'other horse' }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({ reason: { code: 'conflict' } });
  });
});
