import type { GroupRecord } from './records';

/** Port: groups and who is in them. Group keys are lower-cased names. */
export abstract class GroupsRepository {
  /** Stores a group with its creator as first member; `null` when the name is taken (any case). */
  abstract create(group: { key: string; name: string; createdById: string }): Promise<GroupRecord | null>;
  abstract findByKey(key: string): Promise<GroupRecord | null>;
  /** Every group, oldest first. */
  abstract list(): Promise<GroupRecord[]>;
  /** The groups `userId` is a member of. */
  abstract listJoined(userId: string): Promise<GroupRecord[]>;
  /**
   * Adds a member whose read marker starts at the group's lastSeq;
   * `false` when already a member.
   */
  abstract addMember(key: string, userId: string): Promise<boolean>;
  /** `false` when not a member. */
  abstract removeMember(key: string, userId: string): Promise<boolean>;
  /**
   * The group and whether `userId` is a member, in one look-up (every send,
   * typing and read checks both); `null` when there is no such group.
   */
  abstract findWithMembership(key: string, userId: string): Promise<{ group: GroupRecord; member: boolean } | null>;
  /** Member ids in the order they joined. */
  abstract memberIds(key: string): Promise<string[]>;
}
