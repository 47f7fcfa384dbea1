import type { Dm } from '@chat/protocol';
import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { LiveEvents } from '../events/live-events';
import { UserDirectory } from '../groups/user-directory';
import { DmsRepository } from '../storage/dms.repository';
import { ReadMarkersRepository } from '../storage/read-markers.repository';
import type { DmRecord, UserRecord } from '../storage/records';
import { UsersRepository } from '../storage/users.repository';
import { dmName } from './dm-name';
import { mapDm } from './dto/dm.dto';

export interface OpenedDm {
  dm: Dm;
  /** `true` for the one call that created it (201), `false` when it existed (200). */
  created: boolean;
}

/**
 * Direct messages (CONTRACT.md, "Direct messages"): one conversation per
 * pair of people who share a group. Underneath a dm is a group of kind
 * `dm`, so messages, reactions, unread counts and live events need nothing
 * of their own; what is particular to dms is who may open one and who may
 * see it (GroupsService and MemberAccess hide it from everyone else).
 */
@Injectable()
export class DmsService {
  constructor(
    private readonly dms: DmsRepository,
    private readonly users: UsersRepository,
    private readonly markers: ReadMarkersRepository,
    private readonly directory: UserDirectory,
    private readonly events: LiveEvents,
  ) {}

  /**
   * The caller's dm with `userId`, opened if there is none. Refusals in the
   * contract's order: yourself (400), no such user (404), then strangers
   * (403): only people who share a group may open a dm, while one that
   * exists stays theirs when they stop sharing one.
   */
  async open(caller: UserRecord, userId: string): Promise<OpenedDm> {
    if (userId === caller.id) throw new DomainError('invalid', 'You cannot open a direct message with yourself');
    const other = await this.users.findById(userId);
    if (!other) throw new DomainError('not_found', `User "${userId}" does not exist`);
    const name = dmName(caller.id, other.id);
    const existing = await this.dms.find(name);
    if (existing) return { dm: await this.viewOf(existing, caller.id), created: false };
    if (!(await this.dms.shareAGroup(caller.id, other.id))) {
      throw new DomainError('forbidden', 'You can message only people who share a group with you');
    }
    const { dm, created } = await this.dms.open({ key: name, name, openerId: caller.id, otherId: other.id });
    const view = await this.viewOf(dm, caller.id);
    // A new dm has no message yet, so both people's views are the same: one event, one frame for both.
    if (created) this.events.publish({ type: 'dm', groupKey: dm.key, dm: view, memberIds: [...dm.memberIds] });
    return { dm: view, created };
  }

  /** The caller's dms, newest activity first, each with the caller's read marker. */
  async list(userId: string): Promise<Dm[]> {
    const [dms, markers] = await Promise.all([this.dms.listOf(userId), this.markers.forUser(userId)]);
    const users = await this.directory.byIds(dms.flatMap((dm) => dm.memberIds));
    return dms.map((dm) => mapDm(dm, users, markers.get(dm.key) ?? null));
  }

  /** The dm under `key` as `userId` (one of its members) sees it; `null` when there is no such dm. */
  async view(key: string, userId: string): Promise<Dm | null> {
    const dm = await this.dms.find(key);
    return dm ? this.viewOf(dm, userId) : null;
  }

  private async viewOf(dm: DmRecord, userId: string): Promise<Dm> {
    const [users, marker] = await Promise.all([this.directory.byIds(dm.memberIds), this.markers.get(dm.key, userId)]);
    return mapDm(dm, users, marker);
  }
}
