import type { Message, Reaction, ReplyTo, User } from '@chat/protocol';
import { ApiProperty } from '@nestjs/swagger';
import type { MessageRecord, ReactionRecord } from '../../storage/records';
import { deletedUser } from '../../groups/user-directory';
import { UserDto } from '../../users/dto/user.dto';

export class ReplyToDto implements ReplyTo {
  @ApiProperty({ description: 'The seq of the message answered', example: 41 })
  seq!: number;

  @ApiProperty({ type: UserDto })
  sender!: UserDto;

  @ApiProperty({ description: "The first 100 code points of its current text, read with the reply; \"\" once it is deleted", example: 'Lunch at noon?' })
  excerpt!: string;

  @ApiProperty({ example: false })
  deleted!: boolean;
}

export class ReactionDto implements Reaction {
  @ApiProperty({ example: '👍' })
  emoji!: string;

  @ApiProperty({ example: 2 })
  count!: number;

  @ApiProperty({ description: 'Whether the caller is among them (false in WebSocket events)', example: true })
  me!: boolean;
}

export class MessageDto implements Message {
  @ApiProperty({ example: '6f1c2a9e-8a57-4bd4-a4f3-0c3f4b0e2a11' })
  id!: string;

  @ApiProperty({ description: "The group's name", example: 'general' })
  group!: string;

  @ApiProperty({ description: '1, 2, 3, ... within the group, no gaps, no repeats', example: 42 })
  seq!: number;

  @ApiProperty({ description: "The group revision of this message's latest change: keep the copy with the highest", example: 57 })
  rev!: number;

  @ApiProperty({ type: UserDto })
  sender!: UserDto;

  @ApiProperty({ description: '1 to 4000 characters, trimmed; "" once deleted', example: 'Hello!' })
  text!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-23T12:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ description: 'Chosen by the sending client, 1 to 64 characters', example: 'c1f0e2d4' })
  clientMsgId!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The last edit, or null', example: null })
  editedAt!: string | null;

  @ApiProperty({ description: 'A tombstone: text "", editedAt and replyTo null, no mentions or reactions', example: false })
  deleted!: boolean;

  @ApiProperty({ type: ReplyToDto, nullable: true, description: 'The message this one answers, as it is now', example: null })
  replyTo!: ReplyToDto | null;

  @ApiProperty({
    type: [String],
    description:
      'Ids of the members the text mentions with `<@id>` tokens, in order of first appearance, without the sender, at most 20; ' +
      'a reply mentions the replied-to sender first',
    example: ['9a7d0c1e-2b3f-4a5b-8c6d-7e8f9a0b1c2d'],
  })
  mentions!: string[];

  @ApiProperty({
    type: [ReactionDto],
    description: 'Each emoji with at least one reaction, in the order each last went from none to one',
    example: [{ emoji: '👍', count: 2, me: true }],
  })
  reactions!: ReactionDto[];
}

/** Finds a user object by id; a missing one is shown as a deleted user. */
export type UserLookup = ReadonlyMap<string, User>;

/**
 * The client's shape of a stored message. `viewerId`: whose `me` the
 * reactions show (REST); without it, `false` (WebSocket events, which
 * are serialised once for every recipient).
 */
export function mapMessage(message: MessageRecord, groupName: string, users: UserLookup, viewerId?: string): Message {
  const { repliedTo } = message;
  return {
    id: message.id,
    group: groupName,
    seq: message.seq,
    rev: message.rev,
    sender: userIn(users, message.senderId),
    text: message.text,
    createdAt: message.createdAt.toISOString(),
    clientMsgId: message.clientMsgId,
    editedAt: message.editedAt?.toISOString() ?? null,
    deleted: message.deleted,
    replyTo:
      message.replyTo === null || repliedTo === null
        ? null
        : { seq: message.replyTo, sender: userIn(users, repliedTo.senderId), excerpt: repliedTo.excerpt, deleted: repliedTo.deleted },
    mentions: message.mentions as string[],
    reactions: message.reactions.length === 0 ? [] : message.reactions.map((reaction) => mapReaction(reaction, viewerId)),
  };
}

export function mapReaction({ emoji, userIds }: ReactionRecord, viewerId: string | undefined): Reaction {
  return { emoji, count: userIds.length, me: viewerId !== undefined && userIds.includes(viewerId) };
}

/** A page of one group's messages as `viewerId` sees it, with every user they show looked up in `users`. */
export function mapMessages(page: readonly MessageRecord[], groupName: string, users: UserLookup, viewerId?: string): Message[] {
  return page.map((message) => mapMessage(message, groupName, users, viewerId));
}

/** The ids of every user a page shows: senders, and senders of the messages replied to. */
export function usersShownBy(page: readonly MessageRecord[]): string[] {
  const ids: string[] = [];
  for (const message of page) {
    ids.push(message.senderId);
    if (message.repliedTo) ids.push(message.repliedTo.senderId);
  }
  return ids;
}

function userIn(users: UserLookup, id: string): User {
  return users.get(id) ?? deletedUser(id);
}
