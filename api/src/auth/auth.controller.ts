import type { AuthResponse } from '@chat/protocol';
import { Body, Controller, HttpCode, HttpStatus, Ip, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorDto } from '../common/error.dto';
import { AuthService } from './auth.service';
import { CurrentSession } from './current-session.decorator';
import { AuthResponseDto } from './dto/auth-response.dto';
import { LoginDto } from './dto/login.dto';
import { Public } from './public.decorator';
import type { Session } from './session';
import { SessionsService } from './sessions.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Sign in with email and password' })
  @ApiOkResponse({ type: AuthResponseDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'Invalid body' })
  @ApiUnauthorizedResponse({ type: ErrorDto, description: 'Wrong email or password (the same answer for both)' })
  @ApiTooManyRequestsResponse({
    type: ErrorDto,
    description: 'Too many failed tries for this email from this address, for this email from all addresses, or from this address; `Retry-After` says when to retry',
  })
  @ApiServiceUnavailableResponse({ type: ErrorDto, description: 'Too many passwords being checked at once; `Retry-After` says when to retry' })
  login(@Body() body: LoginDto, @Ip() address: string): Promise<AuthResponse> {
    return this.auth.login(body.email, body.password, address);
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revoke the current token everywhere; its open WebSockets close with 4401' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiUnauthorizedResponse({ type: ErrorDto })
  logout(@CurrentSession() session: Session): Promise<void> {
    return this.sessions.logout(session);
  }
}
