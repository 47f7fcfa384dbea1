import type { LoggerService } from '@nestjs/common';
import { type Level, type Logger, pino } from 'pino';
import { pinoHttp } from 'pino-http';

/** The parts of pino-http's standard serialized request and response that a line keeps. */
interface SerializedRequest {
  id: unknown;
  method: string;
  url: string;
  remoteAddress?: string;
}
interface SerializedResponse {
  statusCode: number;
}

/**
 * Logs are pino JSON lines: one per HTTP request (method, path, status,
 * time), one per WebSocket connect and disconnect, and the app's own.
 * Tokens and passwords never reach a log: bodies and headers are not
 * logged (the Authorization header and cookies are redacted should a
 * serializer ever include them), and a `token` in a query string is masked.
 *
 * pino-http and a Nest LoggerService over the same pino logger; no
 * request-scoped logger, no AsyncLocalStorage (docs/decisions/pino-http-not-nestjs-pino.md).
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[redacted]' },
  });
}

/** Express middleware: a line per request once it is answered, at warn for 4xx and error for 5xx. */
export function logRequests(logger: Logger) {
  return pinoHttp({
    logger,
    serializers: {
      // pino-http hands these its standard serialized request and response.
      req: (req: SerializedRequest) => ({ id: req.id, method: req.method, url: maskToken(req.url ?? ''), remoteAddress: req.remoteAddress }),
      res: (res: SerializedResponse) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
  });
}

export function maskToken(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');
}

/**
 * Nest's log calls written to pino. Nest passes the logger's context (the
 * class name) last; an object first is merged into the line, as in
 * `logger.log({ userId }, 'ws connected')`.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const context = params.length > 0 ? params[params.length - 1] : undefined;
    const rest = params.slice(0, -1);
    const fields: Record<string, unknown> = context === undefined ? {} : { context };
    if (message instanceof Error) {
      fields['err'] = message;
      this.pino[level](fields, typeof rest[0] === 'string' ? rest[0] : message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ ...fields, ...message }, typeof rest[0] === 'string' ? rest[0] : undefined);
    } else if (level === 'error' && typeof rest[0] === 'string' && /\n\s*at /.test(rest[0])) {
      // Nest's exception handler passes (message, stack, context).
      const err = new Error(String(message));
      err.stack = rest[0];
      this.pino[level]({ ...fields, err }, String(message));
    } else {
      this.pino[level](fields, String(message));
    }
  }
}
