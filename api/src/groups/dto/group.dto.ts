import type { Group, GroupDetail, GroupKind, Member, User } from '@chat/protocol';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { GroupRecord, ReadMarker } from '../../storage/records';
import { UserDto } from '../../users/dto/user.dto';

export class GroupDto implements Group {
  @ApiProperty({ description: "The group's identifier, unique regardless of case", example: 'general' })
  name!: string;

  @ApiProperty({
    enum: ['group', 'dm'],
    description: '`group`: a named group anyone may join; `dm`: a direct conversation of two people (see /api/dms), never listed by GET /api/groups',
    example: 'group',
  })
  kind!: GroupKind;

  @ApiProperty({ format: 'date-time', example: '2026-11-23T12:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ type: UserDto })
  createdBy!: UserDto;

  @ApiProperty({ example: 3 })
  memberCount!: number;

  @ApiProperty({ description: 'Whether the caller is a member', example: true })
  joined!: boolean;

  @ApiProperty({ description: "The newest message's seq, 0 when there is none", example: 42 })
  lastSeq!: number;

  @ApiProperty({ description: "The revision of the group's newest change (message, edit, delete, reaction), 0 when none", example: 57 })
  lastRev!: number;

  @ApiPropertyOptional({ description: "The caller's read marker; only for members", example: 40 })
  readSeq?: number;

  @ApiPropertyOptional({ description: 'Messages with a seq above `readSeq` that are not deleted; only for members', example: 2 })
  unread?: number;

  @ApiPropertyOptional({ description: 'Of those, the ones whose current `mentions` include the caller; only for members', example: 1 })
  mentionUnread?: number;
}

export class MemberDto extends UserDto implements Member {
  @ApiProperty({ description: 'Whether the member has a WebSocket open', example: true })
  online!: boolean;
}

export class GroupDetailDto extends GroupDto implements GroupDetail {
  @ApiPropertyOptional({
    type: [MemberDto],
    description: 'Only for members: a non-member sees neither who is in the group nor who is online',
  })
  members?: MemberDto[];
}

/** A group as `viewer` sees it: members (`marker` not null) also get their read marker and unread count. */
export function mapGroup(group: GroupRecord, createdBy: User, marker: ReadMarker | null): Group {
  const view: Group = {
    name: group.name,
    kind: group.kind,
    createdAt: group.createdAt.toISOString(),
    createdBy,
    memberCount: group.memberCount,
    joined: marker !== null,
    lastSeq: group.lastSeq,
    lastRev: group.lastRev,
  };
  if (marker !== null) {
    view.readSeq = marker.readSeq;
    view.unread = marker.unread;
    view.mentionUnread = marker.mentionUnread;
  }
  return view;
}
