import { CreateDmRequest } from '@chat/protocol';
import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** Ids are opaque: any other string is simply no user's (404), but an id is never long. */
export const USER_ID_MAX_LENGTH = 100;

export class CreateDmDto implements CreateDmRequest {
  @ApiProperty({ description: 'The id of the other person, who must share a group with the caller', example: '9a7d0c1e-2b3f-4a5b-8c6d-7e8f9a0b1c2d' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(USER_ID_MAX_LENGTH)
  userId!: string;
}
