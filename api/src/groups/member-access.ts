import { Injectable } from '@nestjs/common';
import { groupNotFound, notAMember } from '../common/errors/domain-error';
import { GroupsRepository } from '../storage/groups.repository';
import type { GroupRecord } from '../storage/records';
import { lookupKey } from './group-lookup';

/** The gate of every members-only route: a group's content is for its members. */
@Injectable()
export class MemberAccess {
  constructor(private readonly groups: GroupsRepository) {}

  /** The group, for a member: 404 for an unknown group first, then 403 for a non-member. */
  async memberGroup(userId: string, groupName: string): Promise<GroupRecord> {
    const key = lookupKey(groupName);
    const found = key ? await this.groups.findWithMembership(key, userId) : null;
    if (!found) throw groupNotFound(groupName);
    if (!found.member) throw notAMember(found.group.name);
    return found.group;
  }
}
