import type { UserRecord } from './records';

/** Port: where users live. The abstract class is also the injection token. */
export abstract class UsersRepository {
  /** Stores a new user; `null` when the email is taken. */
  abstract create(user: Omit<UserRecord, 'id' | 'createdAt'>): Promise<UserRecord | null>;
  abstract findById(id: string): Promise<UserRecord | null>;
  abstract findByEmail(email: string): Promise<UserRecord | null>;
  /** The users with these ids that exist, in any order. */
  abstract findByIds(ids: readonly string[]): Promise<UserRecord[]>;
}
