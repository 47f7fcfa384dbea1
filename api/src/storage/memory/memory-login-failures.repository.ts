import { Injectable } from '@nestjs/common';
import { LoginFailuresRepository } from '../login-failures.repository';
import { MemoryDatabase } from './memory-database';

@Injectable()
export class MemoryLoginFailuresRepository extends LoginFailuresRepository {
  constructor(private readonly db: MemoryDatabase) {
    super();
  }

  async increment(key: string, windowSeconds: number): Promise<number> {
    const now = Date.now();
    const entry = this.db.loginFailures.get(key);
    if (!entry || entry.resetAt <= now) {
      if (this.db.loginFailures.size > 100_000) this.forgetExpired(now);
      this.db.loginFailures.set(key, { count: 1, resetAt: now + windowSeconds * 1000 });
      return 1;
    }
    entry.count += 1;
    return entry.count;
  }

  async get(key: string): Promise<{ count: number; resetInSeconds: number }> {
    const entry = this.db.loginFailures.get(key);
    const now = Date.now();
    if (!entry || entry.resetAt <= now) return { count: 0, resetInSeconds: 0 };
    return { count: entry.count, resetInSeconds: Math.ceil((entry.resetAt - now) / 1000) };
  }

  async reset(key: string): Promise<void> {
    this.db.loginFailures.delete(key);
  }

  private forgetExpired(now: number): void {
    for (const [key, entry] of this.db.loginFailures) if (entry.resetAt <= now) this.db.loginFailures.delete(key);
  }
}
