import type { Message, User } from '@chat/protocol';
import { ApiProperty } from '@nestjs/swagger';
import type { MessageRecord } from '../../storage/records';
import { deletedUser } from '../../groups/user-directory';
import { UserDto } from '../../users/dto/user.dto';

export class MessageDto implements Message {
  @ApiProperty({ example: '6f1c2a9e-8a57-4bd4-a4f3-0c3f4b0e2a11' })
  id!: string;

  @ApiProperty({ description: "The group's name", example: 'general' })
  group!: string;

  @ApiProperty({ description: "1, 2, 3, ... within the group, no gaps, no repeats", example: 42 })
  seq!: number;

  @ApiProperty({ type: UserDto })
  sender!: UserDto;

  @ApiProperty({ description: '1 to 4000 characters, trimmed', example: 'Hello!' })
  text!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-23T12:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ description: 'Chosen by the sending client, 1 to 64 characters', example: 'c1f0e2d4' })
  clientMsgId!: string;
}

export function mapMessage(message: MessageRecord, groupName: string, sender: User): Message {
  return {
    id: message.id,
    group: groupName,
    seq: message.seq,
    sender,
    text: message.text,
    createdAt: message.createdAt.toISOString(),
    clientMsgId: message.clientMsgId,
  };
}

/** A page of one group's messages, each with its sender as looked up (a missing one as a deleted user). */
export function mapMessages(page: readonly MessageRecord[], groupName: string, senders: ReadonlyMap<string, User>): Message[] {
  return page.map((message) => mapMessage(message, groupName, senders.get(message.senderId) ?? deletedUser(message.senderId)));
}
