import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Session } from './session';

export interface AuthenticatedRequest {
  session: Session;
}

/** The session the guard attached to the request. */
export const CurrentSession = createParamDecorator(
  (_: unknown, context: ExecutionContext): Session => context.switchToHttp().getRequest<AuthenticatedRequest>().session,
);
