import { HTTP_MAX_BODY_BYTES } from '@chat/protocol';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ChatWsAdapter } from '../realtime/transport/chat-ws.adapter';
import { bodyParserErrors } from '../common/errors/body-parser-errors';
import { HttpExceptionFilter } from '../common/errors/http-exception.filter';
import { createValidationPipe } from '../common/validation/validation.pipe';
import { AppConfig } from '../config/app-config';
import { countHttpRequests } from '../metrics/http-metrics.middleware';
import { MetricsService } from '../metrics/metrics.service';
import { compressWebClient } from './compress-web-client';
import { createLogger, logRequests, PinoNestLogger } from './logging';
import { securityHeaders } from './security-headers';
import { setUpSwagger } from './swagger';

/** Everything about the app that is not a module: one place, used by main and by tests. */
export function configureApp(app: NestExpressApplication): void {
  const config = app.get(AppConfig);
  const logger = createLogger(config.logLevel);
  app.useLogger(new PinoNestLogger(logger));
  app.setGlobalPrefix('api');
  // First, so every answer is logged and counted, those of the body parser and the guard included.
  app.use(logRequests(logger));
  app.use(countHttpRequests(app.get(MetricsService)));
  // Before anything that answers, so every answer carries them: errors, 404s, static files, Swagger UI.
  app.use(securityHeaders());
  app.use(compressWebClient());
  // Every body is JSON, whatever its content type says; over 16 KiB is a 413.
  app.useBodyParser('json', { limit: HTTP_MAX_BODY_BYTES, type: () => true });
  app.use(bodyParserErrors);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter(app.getHttpAdapter()));
  app.useWebSocketAdapter(new ChatWsAdapter(app, config));
  if (config.allowedOrigins) app.enableCors({ origin: [...config.allowedOrigins] });
  app.disable('x-powered-by');
  // Behind TRUST_PROXY reverse proxies, req.ip (and so @Ip(), which the per-address limits count by) is the
  // address the nearest of them saw; with none trusted, X-Forwarded-For is anyone's to forge and is ignored.
  if (config.trustProxy > 0) app.set('trust proxy', config.trustProxy);
  // No ETag on API answers: Express would hash every JSON body (history pages included) for
  // conditional requests that no client of this API makes. Static files keep theirs (express.static).
  app.set('etag', false);
  setUpSwagger(app);
}
