import type { User } from '@chat/protocol';
import { ApiProperty } from '@nestjs/swagger';
import type { UserRecord } from '../../storage/records';

export class UserDto implements User {
  @ApiProperty({ description: 'Opaque identifier', example: '0b6f3a43-54c3-4a8e-9c55-5b1d7e8d2f10' })
  id!: string;

  @ApiProperty({ description: 'Trimmed and lower-cased', example: 'ana@example.com' })
  email!: string;

  @ApiProperty({ description: 'Defaults to the part of the email before @', example: 'Ana' })
  displayName!: string;
}

/** The only way a stored user leaves the server: the hash never does. */
export function mapUser(user: UserRecord): User {
  return { id: user.id, email: user.email, displayName: user.displayName };
}
