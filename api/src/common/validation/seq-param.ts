import { BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/**
 * The `:seq` path parameter as a number: a whole number, 1 or more, in
 * digits only. A param decorator of its own rather than a pipe on
 * `@Param`, because the global ValidationPipe converts a `number`
 * parameter with `+value` first, which would read `1.0`, `1e0`, `+1` and
 * `0x1` as seq 1.
 */
export const SeqParam = createParamDecorator((_: unknown, context: ExecutionContext): number => {
  const value = context.switchToHttp().getRequest<Request>().params['seq'];
  const seq = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(seq) || seq < 1) throw new BadRequestException('seq must be a whole number, 1 or more');
  return seq;
});
