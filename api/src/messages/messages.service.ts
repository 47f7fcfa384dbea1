import { CHANGES_PAGE_DEFAULT, ChangesPage, HISTORY_PAGE_DEFAULT, Message, mentionTokenIds, User } from '@chat/protocol';
import { Injectable } from '@nestjs/common';
import { DomainError, groupNotFound, notAMember } from '../common/errors/domain-error';
import { MemberAccess } from '../groups/member-access';
import { LiveEvents } from '../events/live-events';
import { MetricsService } from '../metrics/metrics.service';
import { ChangeResult, MessagesRepository } from '../storage/messages.repository';
import { ReadMarkersRepository } from '../storage/read-markers.repository';
import type { MessageRecord, UserRecord } from '../storage/records';
import { messageRef } from './message-ref';
import { mapUser } from '../users/dto/user.dto';
import type { ChangesQueryDto } from './dto/changes-query.dto';
import type { HistoryQueryDto } from './dto/history-query.dto';
import { mapMessage, mapMessages, usersShownBy } from './dto/message.dto';
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
    private readonly access: MemberAccess,
    private readonly messages: MessagesRepository,
    private readonly markers: ReadMarkersRepository,
    private readonly directory: UserDirectory,
    private readonly events: LiveEvents,
    private readonly metrics: MetricsService,
  ) {}

  /**
   * Stores a message (idempotent on clientMsgId) and delivers it to every
   * member's connections. `replyTo`: the seq of a message of the group it
   * answers, which must be there and not deleted (else `not_found`).
   */
  async send(sender: UserRecord, groupName: string, text: string, clientMsgId: string, replyTo?: number): Promise<SendResult> {
    let appended = await this.appendAsMember(sender, groupName, text, clientMsgId, replyTo);
    if (appended === 'refused') {
      // Refused: find out why (404, then 403). If neither, a join landed in between: once more.
      await this.access.memberGroup(sender.id, groupName);
      appended = await this.appendAsMember(sender, groupName, text, clientMsgId, replyTo);
      if (appended === 'refused') throw notAMember(groupName);
    }
    if (appended === 'reply_not_found') throw new DomainError('not_found', `Message ${replyTo} does not exist in group "${groupName}" or was deleted`);
    const { message, created } = appended;
    const view = mapMessage(message, appended.groupName, await this.usersOf(message, sender));
    if (created) {
      this.metrics.messageStored();
      this.events.publish({ type: 'change', groupKey: message.groupKey, change: { event: 'message', data: view } });
    }
    return { message: view, created };
  }

  /** One round trip: the membership check is part of the append. */
  private appendAsMember(sender: UserRecord, groupName: string, text: string, clientMsgId: string, replyTo: number | undefined) {
    const key = lookupKey(groupName);
    if (!key) return Promise.resolve('refused' as const);
    return this.messages.append({ groupKey: key, senderId: sender.id, text, clientMsgId, replyTo, mentionTokens: mentionTokenIds(text) });
  }

  /** The sender replaces the text; the same text again changes nothing (no rev, no event). */
  async edit(user: UserRecord, groupName: string, seq: number, text: string): Promise<Message> {
    const result = await this.messages.edit(messageRef(user, groupName, seq), { text, mentionTokens: mentionTokenIds(text) });
    const message = await this.changed(result, user, groupName, seq, 'edit');
    if (result.outcome === 'changed') {
      const { group, rev, editedAt, mentions } = message;
      this.events.publish({ type: 'change', groupKey: result.message.groupKey, change: { event: 'edit', data: { group, seq, rev, text: message.text, editedAt: editedAt as string, mentions } } });
    }
    return message;
  }

  /** The sender deletes it: a tombstone keeps its seq; deleting a tombstone again changes nothing. */
  async remove(user: UserRecord, groupName: string, seq: number): Promise<void> {
    const result = await this.messages.remove(messageRef(user, groupName, seq));
    const message = await this.changed(result, user, groupName, seq, 'delete');
    if (result.outcome === 'changed') {
      this.events.publish({ type: 'change', groupKey: result.message.groupKey, change: { event: 'delete', data: { group: message.group, seq, rev: message.rev } } });
    }
  }

  /** The message after an edit or a delete, or the refusal in the contract's order: 404 group, 403, 404 message, 403, 409. */
  private async changed(result: ChangeResult, user: UserRecord, groupName: string, seq: number, verb: 'edit' | 'delete'): Promise<Message> {
    switch (result.outcome) {
      case 'changed':
      case 'unchanged':
        return mapMessage(result.message, result.groupName, await this.usersOf(result.message, user), user.id);
      case 'no_group':
        throw groupNotFound(groupName);
      case 'not_member':
        throw await this.access.nonMemberRefusal(groupName);
      case 'no_message':
        throw new DomainError('not_found', `Message ${seq} does not exist in group "${groupName}"`);
      case 'not_sender':
        throw new DomainError('forbidden', `Only its sender can ${verb} a message`);
      case 'deleted':
        throw new DomainError('conflict', `Message ${seq} was deleted; it can no longer be edited`);
    }
  }

  /** The users one message shows: the caller (its sender here) and, for a reply, the answered message's sender. */
  private async usersOf(message: MessageRecord, sender: UserRecord): Promise<Map<string, User>> {
    const users = message.repliedTo && message.repliedTo.senderId !== sender.id ? await this.directory.byIds([message.repliedTo.senderId]) : new Map<string, User>();
    return users.set(sender.id, mapUser(sender));
  }

  /** At most one per user and group every TYPING_FORWARD_INTERVAL_MS goes out; the others are dropped without an error. */
  async typing(user: UserRecord, groupName: string): Promise<void> {
    // Membership first: a non-member's or an unknown group's typing is refused however often it comes.
    const group = await this.access.memberGroup(user.id, groupName);
    if (!this.typingCoalescer.admit(user.id, group.key)) return;
    this.events.publish({ type: 'typing', groupKey: group.key, group: group.name, user: mapUser(user) });
  }

  /** Moves the read marker forward and tells the user's other connections. */
  async markRead(user: UserRecord, groupName: string, seq: number, originConnectionId?: string): Promise<void> {
    const group = await this.access.memberGroup(user.id, groupName);
    const moved = await this.markers.advance(group.key, user.id, seq);
    if (moved !== null) this.events.publish({ type: 'read', userId: user.id, group: group.name, seq: moved, originConnectionId });
  }

  async history(userId: string, groupName: string, query: HistoryQueryDto): Promise<Message[]> {
    // The page is read while membership is checked (one round trip's wait, not two), and only returned to a member.
    const range = { before: query.before, after: query.after, limit: query.limit ?? HISTORY_PAGE_DEFAULT };
    const key = lookupKey(groupName);
    const [group, page] = await Promise.all([this.access.memberGroup(userId, groupName), key ? this.messages.page(key, range) : []]);
    return mapMessages(page, group.name, await this.directory.byIds(usersShownBy(page)), userId);
  }

  /** The current state of every message changed after a rev, for a member catching up (CONTRACT.md, "Revisions"). */
  async changes(userId: string, groupName: string, query: ChangesQueryDto): Promise<ChangesPage> {
    const key = lookupKey(groupName);
    const [group, page] = await Promise.all([this.access.memberGroup(userId, groupName), key ? this.messages.changes(key, query.after, query.limit ?? CHANGES_PAGE_DEFAULT) : null]);
    if (!page) throw groupNotFound(groupName);
    const messages = mapMessages(page.messages, group.name, await this.directory.byIds(usersShownBy(page.messages)), userId);
    return { messages, lastRev: page.lastRev, more: page.more };
  }
}
