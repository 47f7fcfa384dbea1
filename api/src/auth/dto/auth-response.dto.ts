import type { AuthResponse } from '@chat/protocol';
import { ApiProperty } from '@nestjs/swagger';
import { OwnUserDto } from '../../users/dto/user.dto';

export class AuthResponseDto implements AuthResponse {
  @ApiProperty({ type: OwnUserDto, description: 'The signed-in user, with its email' })
  user!: OwnUserDto;

  @ApiProperty({
    description: 'Bearer token: `Authorization: Bearer <token>` for REST, `/ws?token=<token>` for the WebSocket',
    example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...',
  })
  token!: string;
}
