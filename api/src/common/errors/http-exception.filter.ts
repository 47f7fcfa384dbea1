import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { DomainError, DomainErrorCode } from './domain-error';
import { isStoreUnavailable, storeUnavailable } from './store-unavailable';

const STATUS: Record<DomainErrorCode, HttpStatus> = {
  invalid: HttpStatus.BAD_REQUEST,
  unauthorized: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  too_many_attempts: HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

/** The `error` words Nest uses for each status, so every body has the same shape. */
const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

/**
 * Turns domain errors into Nest's error shape `{statusCode, message, error}`
 * and gives HTTP exceptions that lack `error` the same shape. A store that
 * cannot be reached (PostgreSQL down, say) is a 503 with `Retry-After`, so
 * the client retries instead of taking it for a server bug. Everything
 * else is Nest's default handling (the body parser's errors: see
 * body-parser-errors.ts).
 */
@Catch()
export class HttpExceptionFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return super.catch(exception, host);
    const response = host.switchToHttp().getResponse<Response>();
    if (!(exception instanceof DomainError) && isStoreUnavailable(exception)) {
      this.logger.warn({ err: exception }, 'a store is unreachable: answered 503');
      exception = storeUnavailable();
    }
    if (exception instanceof DomainError) {
      if (exception.retryAfterSeconds) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
      return this.reply(response, STATUS[exception.code], exception.message);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      if (typeof body === 'object' && body !== null && 'error' in body) {
        response.status(status).json(body);
        return;
      }
      return this.reply(response, status, typeof body === 'string' ? body : exception.message);
    }
    return super.catch(exception, host);
  }

  private reply(response: Response, status: number, message: string | string[]): void {
    response.status(status).json({ statusCode: status, message, error: STATUS_TEXT[status] ?? 'Error' });
  }
}
