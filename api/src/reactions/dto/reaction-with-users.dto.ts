import type { ReactionWithUsers } from '@chat/protocol';
import { ApiProperty } from '@nestjs/swagger';
import { ReactionDto } from '../../messages/dto/message.dto';
import { UserDto } from '../../users/dto/user.dto';

export class ReactionWithUsersDto extends ReactionDto implements ReactionWithUsers {
  @ApiProperty({ type: [UserDto], description: 'Who reacted, oldest first' })
  users!: UserDto[];
}
