import { REACTION_EMOJI_MAX, ReactionWithUsers } from '@chat/protocol';
import { Injectable } from '@nestjs/common';
import { DomainError, groupNotFound } from '../common/errors/domain-error';
import { LiveEvents } from '../events/live-events';
import { MemberAccess } from '../groups/member-access';
import { deletedUser, UserDirectory } from '../groups/user-directory';
import { mapReaction } from '../messages/dto/message.dto';
import { messageRef } from '../messages/message-ref';
import { MessagesRepository } from '../storage/messages.repository';
import { ReactionResult, ReactionsRepository } from '../storage/reactions.repository';
import type { UserRecord } from '../storage/records';
import { mapUser } from '../users/dto/user.dto';

/** Reactions on a group's messages (CONTRACT.md, "Reactions"): any member, one per emoji each. */
@Injectable()
export class ReactionsService {
  constructor(
    private readonly reactions: ReactionsRepository,
    private readonly messages: MessagesRepository,
    private readonly access: MemberAccess,
    private readonly directory: UserDirectory,
    private readonly events: LiveEvents,
  ) {}

  /** `emoji` is one RGI emoji already (checked at the edge). A second identical call changes nothing. */
  async add(user: UserRecord, groupName: string, seq: number, emoji: string): Promise<void> {
    await this.publish(await this.reactions.add(messageRef(user, groupName, seq), emoji), user, groupName, seq, emoji, true);
  }

  async remove(user: UserRecord, groupName: string, seq: number, emoji: string): Promise<void> {
    await this.publish(await this.reactions.remove(messageRef(user, groupName, seq), emoji), user, groupName, seq, emoji, false);
  }

  /** Who reacted with what, for a member's "who reacted" hint: the message's reactions with their users, oldest first. */
  async list(userId: string, groupName: string, seq: number): Promise<ReactionWithUsers[]> {
    const group = await this.access.memberGroup(userId, groupName);
    const [message] = await this.messages.page(group.key, { after: seq - 1, limit: 1 });
    if (!message || message.seq !== seq || message.deleted) throw messageNotFound(groupName, seq);
    const users = await this.directory.byIds(message.reactions.flatMap((reaction) => reaction.userIds));
    return message.reactions.map((reaction) => ({
      ...mapReaction(reaction, userId),
      users: reaction.userIds.map((id) => users.get(id) ?? deletedUser(id)),
    }));
  }

  /** The `reaction` event of a change, or the refusal in the contract's order: 404 group, 403, 404 message, 409. */
  private async publish(result: ReactionResult, user: UserRecord, groupName: string, seq: number, emoji: string, added: boolean): Promise<void> {
    switch (result.outcome) {
      case 'changed': {
        const { message, count } = result;
        const data = { group: result.groupName, seq, rev: message.rev, emoji, user: mapUser(user), added, count };
        this.events.publish({ type: 'change', groupKey: message.groupKey, change: { event: 'reaction', data } });
        return;
      }
      case 'unchanged':
        return;
      case 'no_group':
        throw groupNotFound(groupName);
      case 'not_member':
        throw await this.access.nonMemberRefusal(groupName);
      case 'no_message':
        throw messageNotFound(groupName, seq);
      case 'too_many':
        throw new DomainError('conflict', `A message holds at most ${REACTION_EMOJI_MAX} different emoji; message ${seq} has that many already`);
    }
  }
}

function messageNotFound(groupName: string, seq: number): DomainError {
  return new DomainError('not_found', `Message ${seq} does not exist in group "${groupName}" or was deleted`);
}
