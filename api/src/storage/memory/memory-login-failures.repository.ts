import { Injectable } from '@nestjs/common';
import { LoginFailuresRepository, WindowCount } from '../login-failures.repository';
import { MemoryDatabase } from './memory-database';

@Injectable()
export class MemoryLoginFailuresRepository extends LoginFailuresRepository {
  constructor(private readonly db: MemoryDatabase) {
    super();
  }

  async increment(key: string, windowSeconds: number): Promise<WindowCount> {
    const now = Date.now();
    let entry = this.db.loginFailures.get(key);
    if (!entry || entry.resetAt <= now) {
      if (this.db.loginFailures.size > 100_000) this.forgetExpired(now);
      entry = { count: 0, resetAt: now + windowSeconds * 1000 };
      this.db.loginFailures.set(key, entry);
    }
    entry.count += 1;
    return { count: entry.count, resetInSeconds: Math.ceil((entry.resetAt - now) / 1000) };
  }

  async decrement(key: string): Promise<void> {
    const entry = this.db.loginFailures.get(key);
    if (entry && entry.count > 0) entry.count -= 1;
  }

  async reset(key: string): Promise<void> {
    this.db.loginFailures.delete(key);
  }

  private forgetExpired(now: number): void {
    for (const [key, entry] of this.db.loginFailures) if (entry.resetAt <= now) this.db.loginFailures.delete(key);
  }
}
