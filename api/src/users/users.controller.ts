import type { AuthResponse, OwnUser } from '@chat/protocol';
import { Body, Controller, Get, Ip, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentSession } from '../auth/current-session.decorator';
import { AuthResponseDto } from '../auth/dto/auth-response.dto';
import { Public } from '../auth/public.decorator';
import type { Session } from '../auth/session';
import { ErrorDto } from '../common/error.dto';
import { RegisterDto } from './dto/register.dto';
import { mapOwnUser, OwnUserDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Public()
  @Post()
  @ApiOperation({ summary: 'Create an account; the answer signs it in' })
  @ApiCreatedResponse({ type: AuthResponseDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'Invalid email, password or displayName, or an unknown field' })
  @ApiConflictResponse({ type: ErrorDto, description: 'The email is taken' })
  @ApiTooManyRequestsResponse({ type: ErrorDto, description: 'Too many sign-ups from this client address; `Retry-After` says when to retry' })
  @ApiServiceUnavailableResponse({ type: ErrorDto, description: 'Too many passwords being hashed at once; `Retry-After` says when to retry' })
  register(@Body() body: RegisterDto, @Ip() address: string): Promise<AuthResponse> {
    return this.users.register(body, address);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: OwnUserDto })
  @ApiUnauthorizedResponse({ type: ErrorDto })
  me(@CurrentSession() session: Session): OwnUser {
    return mapOwnUser(session.user);
  }
}
