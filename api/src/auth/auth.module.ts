import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { RejectUnexpectedBodyGuard } from '../common/validation/reject-unexpected-body.guard';
import { BearerAuthGuard } from './bearer-auth.guard';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { SessionTokens } from './session-tokens';
import { SessionsService } from './sessions.service';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A KeyObject, not the string: jsonwebtoken would otherwise try to parse
        // the string as a PEM key on every sign and verify (docs/decisions/jwt-keyobject.md).
        secret: createSecretKey(Buffer.from(config.authSecret, 'utf8')),
        signOptions: { algorithm: 'HS256', expiresIn: config.tokenTtlSeconds },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    PasswordHasher,
    SessionTokens,
    SessionsService,
    LoginThrottle,
    // Global guards run in the order they are provided: authentication first (401), then the body check (400).
    { provide: APP_GUARD, useClass: BearerAuthGuard },
    { provide: APP_GUARD, useClass: RejectUnexpectedBodyGuard },
  ],
  exports: [PasswordHasher, SessionTokens, SessionsService],
})
export class AuthModule {}
