import type { Dm, User } from '@chat/protocol';
import { ApiProperty } from '@nestjs/swagger';
import { GroupDto, mapGroup } from '../../groups/dto/group.dto';
import { deletedUser } from '../../groups/user-directory';
import type { DmRecord, ReadMarker } from '../../storage/records';
import { UserDto } from '../../users/dto/user.dto';

export class DmDto extends GroupDto implements Dm {
  @ApiProperty({
    enum: ['dm'],
    description: 'Always `dm`; its `name` is chosen by the server (it starts with `@`, outside the group-name grammar) and works in every group route and event',
    example: 'dm',
  })
  declare kind: 'dm';

  @ApiProperty({ type: [UserDto], description: 'Both people: the one who opened it, then the other' })
  members!: UserDto[];
}

/** A dm as one of its two members sees it: `marker` is theirs. */
export function mapDm(dm: DmRecord, users: ReadonlyMap<string, User>, marker: ReadMarker | null): Dm {
  const user = (id: string) => users.get(id) ?? deletedUser(id);
  return {
    ...mapGroup(dm, user(dm.createdById), marker),
    kind: 'dm',
    members: dm.memberIds.map(user),
  };
}
