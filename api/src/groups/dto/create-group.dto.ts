import { CreateGroupRequest, GROUP_NAME_MAX_LENGTH, GROUP_NAME_PATTERN } from '@chat/protocol';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { CodePointLength } from '../../common/validation/code-point-length';
import { Trim } from '../../common/validation/trim';

export class CreateGroupDto implements CreateGroupRequest {
  @ApiProperty({
    description:
      'Trimmed; 1 to 50 letters, digits, spaces, `-`, `_` and `.`, starting with a letter or a digit; unique regardless of case',
    minLength: 1,
    maxLength: GROUP_NAME_MAX_LENGTH,
    example: 'general',
  })
  @Trim()
  @IsString()
  @CodePointLength(1, GROUP_NAME_MAX_LENGTH)
  @Matches(GROUP_NAME_PATTERN, {
    message: 'name may contain only letters, digits, spaces, "-", "_" and ".", and must start with a letter or a digit',
  })
  name!: string;
}
