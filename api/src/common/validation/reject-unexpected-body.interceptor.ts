import { BadRequestException, CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import type { Request } from 'express';
import type { Observable } from 'rxjs';

/**
 * "Unknown JSON fields in a request body are rejected with 400" holds for
 * routes that take no body too (join, leave, logout): the ValidationPipe
 * only sees bodies that a handler declares, so this refuses the rest.
 */
@Injectable()
export class RejectUnexpectedBodyInterceptor implements NestInterceptor {
  private readonly takesBody = new WeakMap<object, boolean>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http' && !this.declaresBody(context)) {
      const body: unknown = context.switchToHttp().getRequest<Request>().body;
      const fields = Array.isArray(body) ? body.map((_, i) => String(i)) : isObject(body) ? Object.keys(body) : [];
      if (fields.length > 0 || (body !== undefined && !isObject(body))) {
        throw new BadRequestException(fields.length ? fields.map((f) => `property ${f} should not exist`) : 'This route takes no body');
      }
    }
    return next.handle();
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
