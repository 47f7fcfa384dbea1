import type { OwnUser, User } from '@chat/protocol';
import { ApiProperty } from '@nestjs/swagger';
import type { UserRecord } from '../../storage/records';

/** Another user, as anyone sees them: the email is private and never in this shape. */
export class UserDto implements User {
  @ApiProperty({ description: 'Opaque identifier', example: '0b6f3a43-54c3-4a8e-9c55-5b1d7e8d2f10' })
  id!: string;

  @ApiProperty({ description: 'Defaults to the part of the email before @', example: 'Ana' })
  displayName!: string;
}

/** The caller's own user (sign-up, login, `/users/me`): the only user shape with the email. */
export class OwnUserDto extends UserDto implements OwnUser {
  @ApiProperty({ description: 'Trimmed and lower-cased; shown only to its owner', example: 'ana@example.com' })
  email!: string;
}

/**
 * A stored user as anyone else may see it. Every user object in a view or
 * an event goes through here, so the email (and the hash) stay in.
 */
export function mapUser(user: UserRecord): User {
  return { id: user.id, displayName: user.displayName };
}

/** The user as its owner sees it: only for answers about the caller's own session. */
export function mapOwnUser(user: UserRecord): OwnUser {
  return { id: user.id, email: user.email, displayName: user.displayName };
}
