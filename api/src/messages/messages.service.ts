import { HISTORY_PAGE_DEFAULT, Message } from '@chat/protocol';
import { Injectable } from '@nestjs/common';
import { groupNotFound, notAMember } from '../common/errors/domain-error';
import { LiveEvents } from '../events/live-events';
import { MetricsService } from '../metrics/metrics.service';
import { GroupsRepository } from '../storage/groups.repository';
import { MessagesRepository } from '../storage/messages.repository';
import { ReadMarkersRepository } from '../storage/read-markers.repository';
import type { GroupRecord, UserRecord } from '../storage/records';
import { mapUser } from '../users/dto/user.dto';
import type { HistoryQueryDto } from './dto/history-query.dto';
import { mapMessage, mapMessages } from './dto/message.dto';
import { UserDirectory } from '../groups/user-directory';
import { lookupKey } from '../groups/group-lookup';
import { TypingCoalescer } from './typing-coalescer';

export interface SendResult {
  message: Message;
  /** `false`: a repeat of a clientMsgId; nothing new was stored or delivered. */
  created: boolean;
}

/** Messages, typing and read markers of one group, for its members only. */
@Injectable()
export class MessagesService {
  private readonly typingCoalescer = new TypingCoalescer();

  constructor(
    private readonly groups: GroupsRepository,
    private readonly messages: MessagesRepository,
    private readonly markers: ReadMarkersRepository,
    private readonly directory: UserDirectory,
    private readonly events: LiveEvents,
    private readonly metrics: MetricsService,
  ) {}

  /** Stores a message (idempotent on clientMsgId) and delivers it to every member's connections. */
  async send(sender: UserRecord, groupName: string, text: string, clientMsgId: string): Promise<SendResult> {
    let appended = await this.appendAsMember(sender, groupName, text, clientMsgId);
    if (!appended) {
      // Refused: find out why (404, then 403). If neither, a join landed in between: once more.
      await this.memberGroup(sender.id, groupName);
      appended = await this.appendAsMember(sender, groupName, text, clientMsgId);
      if (!appended) throw notAMember(groupName);
    }
    const { message, created } = appended;
    const view = mapMessage(message, appended.groupName, mapUser(sender));
    if (created) {
      this.metrics.messageStored();
      this.events.publish({ type: 'message', groupKey: message.groupKey, message: view });
    }
    return { message: view, created };
  }

  /** One round trip: the membership check is part of the append (null: no group, or not a member). */
  private appendAsMember(sender: UserRecord, groupName: string, text: string, clientMsgId: string) {
    const key = lookupKey(groupName);
    return key ? this.messages.append({ groupKey: key, senderId: sender.id, text, clientMsgId }) : Promise.resolve(null);
  }

  /** At most one per user and group every TYPING_FORWARD_INTERVAL_MS goes out; the others are dropped without an error. */
  async typing(user: UserRecord, groupName: string): Promise<void> {
    // Membership first: a non-member's or an unknown group's typing is refused however often it comes.
    const group = await this.memberGroup(user.id, groupName);
    if (!this.typingCoalescer.admit(user.id, group.key)) return;
    this.events.publish({ type: 'typing', groupKey: group.key, group: group.name, user: mapUser(user) });
  }

  /** Moves the read marker forward and tells the user's other connections. */
  async markRead(user: UserRecord, groupName: string, seq: number, originConnectionId?: string): Promise<void> {
    const group = await this.memberGroup(user.id, groupName);
    const moved = await this.markers.advance(group.key, user.id, seq);
    if (moved !== null) this.events.publish({ type: 'read', userId: user.id, group: group.name, seq: moved, originConnectionId });
  }

  async history(userId: string, groupName: string, query: HistoryQueryDto): Promise<Message[]> {
    // The page is read while membership is checked (one round trip's wait, not two), and only returned to a member.
    const range = { before: query.before, after: query.after, limit: query.limit ?? HISTORY_PAGE_DEFAULT };
    const key = lookupKey(groupName);
    const [group, page] = await Promise.all([this.memberGroup(userId, groupName), key ? this.messages.page(key, range) : []]);
    return mapMessages(page, group.name, await this.directory.byIds(page.map((message) => message.senderId)));
  }

  /** 404 for an unknown group first, then 403 for a non-member. */
  private async memberGroup(userId: string, groupName: string): Promise<GroupRecord> {
    const key = lookupKey(groupName);
    const found = key ? await this.groups.findWithMembership(key, userId) : null;
    if (!found) throw groupNotFound(groupName);
    if (!found.member) throw notAMember(found.group.name);
    return found.group;
  }
}
