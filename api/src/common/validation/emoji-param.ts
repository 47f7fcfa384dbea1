import { isReactionEmoji } from '@chat/protocol';
import { BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** The `:emoji` path parameter (URL-decoded by Express): exactly one fully-qualified RGI emoji, else 400. */
export const EmojiParam = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const value = context.switchToHttp().getRequest<Request>().params['emoji'];
  if (typeof value !== 'string' || !isReactionEmoji(value)) throw new BadRequestException('emoji must be one fully-qualified emoji, such as 👍 or ❤️');
  return value;
});
