import { Group, GroupDetail, groupKey } from '@chat/protocol';
import { Injectable } from '@nestjs/common';
import { DomainError, groupNotFound } from '../common/errors/domain-error';
import { LiveEvents } from '../events/live-events';
import { GroupsRepository } from '../storage/groups.repository';
import { PresenceRepository } from '../storage/presence.repository';
import { ReadMarkersRepository } from '../storage/read-markers.repository';
import type { GroupRecord, UserRecord } from '../storage/records';
import { mapUser } from '../users/dto/user.dto';
import { mapGroup } from './dto/group.dto';
import { deletedUser, UserDirectory } from './user-directory';
import { lookupKey } from './group-lookup';

@Injectable()
export class GroupsService {
  constructor(
    private readonly groups: GroupsRepository,
    private readonly markers: ReadMarkersRepository,
    private readonly presence: PresenceRepository,
    private readonly directory: UserDirectory,
    private readonly events: LiveEvents,
  ) {}

  /** Every group, each with `joined` (and the read marker) for the caller. */
  async list(userId: string): Promise<Group[]> {
    const [groups, markers] = await Promise.all([this.groups.list(), this.markers.forUser(userId)]);
    const creators = await this.directory.byIds(groups.map((group) => group.createdById));
    return groups.map((group) =>
      mapGroup(group, creators.get(group.createdById) ?? deletedUser(group.createdById), markers.get(group.key) ?? null),
    );
  }

  /** `name` arrives validated and trimmed. The creator is the first member. */
  async create(creator: UserRecord, name: string): Promise<Group> {
    const group = await this.groups.create({ key: groupKey(name), name, createdById: creator.id });
    if (!group) throw new DomainError('conflict', `A group named "${name}" already exists`);
    const createdBy = mapUser(creator);
    const creatorView = mapGroup(group, createdBy, { readSeq: 0, unread: 0, mentionUnread: 0 });
    this.events.publish({
      type: 'group',
      groupKey: group.key,
      group: mapGroup(group, createdBy, null),
      creatorView,
      creatorId: creator.id,
    });
    return creatorView;
  }

  /**
   * The group, and for a member its members with `online`. Who is in a
   * group, and who of them is online, is not for outsiders: for a non-member
   * no member's user and no presence is read.
   */
  async detail(userId: string, name: string): Promise<GroupDetail> {
    const group = await this.find(name);
    // The ids come with the marker (which is the membership) in one round trip; only a member gets them.
    const [marker, memberIds] = await Promise.all([this.markers.get(group.key, userId), this.groups.memberIds(group.key)]);
    if (marker === null) {
      if (group.kind === 'dm') throw groupNotFound(name);
      return mapGroup(group, await this.directory.byId(group.createdById), null);
    }

    const [users, online] = await Promise.all([this.directory.byIds([...memberIds, group.createdById]), this.presence.online(memberIds)]);
    const members = memberIds.map((id) => ({ ...(users.get(id) ?? deletedUser(id)), online: online.has(id) }));
    return { ...mapGroup(group, users.get(group.createdById) ?? deletedUser(group.createdById), marker), members };
  }

  /** Joining twice is not an error; only a real join tells the members. */
  async join(user: UserRecord, name: string): Promise<Group> {
    const group = await this.find(name);
    if (group.kind === 'dm') throw await this.dmMembershipRefusal(group, user.id, name, 'join');
    if (await this.groups.addMember(group.key, user.id)) {
      this.events.publish({ type: 'member', groupKey: group.key, group: group.name, user: mapUser(user), joined: true, lastSeq: group.lastSeq, lastRev: group.lastRev });
    }
    return this.view(user.id, name);
  }

  async leave(user: UserRecord, name: string): Promise<void> {
    const group = await this.find(name);
    if (group.kind === 'dm') throw await this.dmMembershipRefusal(group, user.id, name, 'leave');
    if (await this.groups.removeMember(group.key, user.id)) {
      this.events.publish({ type: 'member', groupKey: group.key, group: group.name, user: mapUser(user), joined: false, lastSeq: group.lastSeq, lastRev: group.lastRev });
    }
  }

  /** The names of the groups the user is in (for `ready`). */
  async joinedNames(userId: string): Promise<GroupRecord[]> {
    return this.groups.listJoined(userId);
  }

  /** A dm's two members stay its members (403); to anyone else it does not exist (404). */
  private async dmMembershipRefusal(dm: GroupRecord, userId: string, name: string, verb: 'join' | 'leave'): Promise<DomainError> {
    const found = await this.groups.findWithMembership(dm.key, userId);
    return found?.member ? new DomainError('forbidden', `You cannot ${verb} a direct message`) : groupNotFound(name);
  }

  /** A fresh read after a change, so counts and markers are current. */
  private async view(userId: string, name: string): Promise<Group> {
    const group = await this.find(name);
    const [creator, marker] = await Promise.all([this.directory.byId(group.createdById), this.markers.get(group.key, userId)]);
    return mapGroup(group, creator, marker);
  }

  private async find(name: string): Promise<GroupRecord> {
    const key = lookupKey(name);
    const group = key ? await this.groups.findByKey(key) : null;
    if (!group) throw groupNotFound(name);
    return group;
  }
}
