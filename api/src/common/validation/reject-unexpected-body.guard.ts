import { BadRequestException, CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import type { Request } from 'express';

/**
 * "Unknown JSON fields in a request body are rejected with 400" holds for
 * routes that take no body too (join, leave, logout): the ValidationPipe
 * only sees bodies that a handler declares, so this refuses the rest.
 *
 * A guard rather than an interceptor: the app registers no interceptor, so
 * no request pays for Nest's interceptor chain (docs/decisions/body-check-guard.md).
 * It runs after BearerAuthGuard (see AuthModule): a request without a valid
 * token is 401, whatever its body.
 */
@Injectable()
export class RejectUnexpectedBodyGuard implements CanActivate {
  private readonly takesBody = new WeakMap<object, boolean>();

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() === 'http' && !this.declaresBody(context)) {
      const body: unknown = context.switchToHttp().getRequest<Request>().body;
      const fields = Array.isArray(body) ? body.map((_, i) => String(i)) : isObject(body) ? Object.keys(body) : [];
      if (fields.length > 0 || (body !== undefined && !isObject(body))) {
        throw new BadRequestException(fields.length ? fields.map((f) => `property ${f} should not exist`) : 'This route takes no body');
      }
    }
    return true;
  }

  private declaresBody(context: ExecutionContext): boolean {
    const handler = context.getHandler();
    let known = this.takesBody.get(handler);
    if (known === undefined) {
      const args: Record<string, unknown> = Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ?? {};
      known = Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY));
      this.takesBody.set(handler, known);
    }
    return known;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
