import { Injectable } from '@nestjs/common';
import { DomainError, groupNotFound, notAMember } from '../common/errors/domain-error';
import { GroupsRepository } from '../storage/groups.repository';
import type { GroupRecord } from '../storage/records';
import { lookupKey } from './group-lookup';

/** The gate of every members-only route: a group's content is for its members. */
@Injectable()
export class MemberAccess {
  constructor(private readonly groups: GroupsRepository) {}

  /**
   * The group, for a member: 404 for an unknown group first, then 403 for a
   * non-member. A dm does not exist for anyone but its two members: 404.
   */
  async memberGroup(userId: string, groupName: string): Promise<GroupRecord> {
    const key = lookupKey(groupName);
    const found = key ? await this.groups.findWithMembership(key, userId) : null;
    if (!found || (!found.member && found.group.kind === 'dm')) throw groupNotFound(groupName);
    if (!found.member) throw notAMember(found.group.name);
    return found.group;
  }

  /**
   * The refusal for someone storage found not to be a member (edits, deletes
   * and reactions check membership as they write): 403 in a group, 404 in
   * a dm, which outsiders must not learn exists.
   */
  async nonMemberRefusal(groupName: string): Promise<DomainError> {
    const key = lookupKey(groupName);
    const group = key ? await this.groups.findByKey(key) : null;
    return !group || group.kind === 'dm' ? groupNotFound(groupName) : notAMember(group.name);
  }
}
