import type { User } from '@chat/protocol';
import { Injectable } from '@nestjs/common';
import { UsersRepository } from '../storage/users.repository';
import { mapUser } from '../users/dto/user.dto';

/** Looks users up by id in one call and hands back their public shape. */
@Injectable()
export class UserDirectory {
  constructor(private readonly users: UsersRepository) {}

  async byIds(ids: Iterable<string>): Promise<Map<string, User>> {
    const records = await this.users.findByIds([...new Set(ids)]);
    return new Map(records.map((user) => [user.id, mapUser(user)]));
  }

  async byId(id: string): Promise<User> {
    const user = (await this.byIds([id])).get(id);
    return user ?? deletedUser(id);
  }
}

/** Users are never deleted today; this keeps a response well-formed if one ever is. */
export const deletedUser = (id: string): User => ({ id, displayName: 'Deleted user' });
