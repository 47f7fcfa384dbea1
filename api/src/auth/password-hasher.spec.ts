import { loadConfig } from '../config/app-config';
import { PasswordHasher } from './password-hasher';

describe(PasswordHasher.name, () => {
  const hasher = new PasswordHasher(loadConfig({ PASSWORD_HASH_COST: '10' }));

  it('salts: the same password hashes differently each time, and both verify', async () => {
    const [first, second] = await Promise.all([hasher.hash('correct horse'), hasher.hash('correct horse')]);
    expect(first).not.toBe(second);
    await expect(hasher.verify('correct horse', first)).resolves.toBe(true);
    await expect(hasher.verify('correct horse', second)).resolves.toBe(true);
  });

  it('refuses a wrong password', async () => {
    const stored = await hasher.hash('correct horse');
    await expect(hasher.verify('correct hors', stored)).resolves.toBe(false);
    await expect(hasher.verify('', stored)).resolves.toBe(false);
  });

  it('keeps its parameters in the stored string, never the password', async () => {
    const stored = await hasher.hash('correct horse');
    expect(stored).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain('correct horse');
  });

  it('verifies a hash made with another cost, from its stored parameters', async () => {
    const older = await new PasswordHasher(loadConfig({ PASSWORD_HASH_COST: '11' })).hash('correct horse');
    await expect(hasher.verify('correct horse', older)).resolves.toBe(true);
  });

  it('refuses a stored string that is not one of its hashes', async () => {
    await expect(hasher.verify('correct horse', 'correct horse')).resolves.toBe(false);
    await expect(hasher.verify('correct horse', 'bcrypt$10$8$1$c2FsdA==$a2V5')).resolves.toBe(false);
  });

  it('answers false for the decoy check', async () => {
    await expect(hasher.verifyDecoy('decoy password that nobody has')).resolves.toBe(false);
  });
});

describe(`${PasswordHasher.name}: its queue`, () => {
  /** One hash at a time and one waiting: the third at once is refused. */
  const hasher = new PasswordHasher(loadConfig({ PASSWORD_HASH_COST: '14', PASSWORD_HASH_CONCURRENCY: '1', PASSWORD_HASH_QUEUE_LIMIT: '1' }));

  it.each([
    ['hashes', () => hasher.hash('correct horse')],
    ['checks', () => hasher.verify('correct horse', 'scrypt$14$8$1$c2FsdA==$a2V5')],
    ['decoy checks', () => hasher.verifyDecoy('correct horse')],
  ])('refuses %s beyond the queue with unavailable, and takes them again once it drains', async (_label, work) => {
    const results = await Promise.allSettled([work(), work(), work()]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ code: 'unavailable' });
    await expect(work()).resolves.toBeDefined();
  });
});
