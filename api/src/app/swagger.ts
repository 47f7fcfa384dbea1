import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Swagger UI at /api/docs, the OpenAPI document at /api/docs-json. */
export function setUpSwagger(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Chat API')
      .setDescription(
        'REST API of the chat. Sign up with `POST /api/users` or sign in with `POST /api/auth/login`, ' +
          'then press **Authorize** and paste the `token`.\n\n' +
          'Live events travel over the WebSocket at `/ws?token=<token>`: every frame is ' +
          '`{"event": string, "data": object}`. Client events: `send {group, text, clientMsgId}`, `typing {group}`, ' +
          '`read {group, seq}`. Server events: `ready`, `message`, `typing`, `read`, `presence`, `member`, `group`, ' +
          '`error {code, message, clientMsgId?}`. The whole protocol (payloads, error and close codes) is documented ' +
          'like this page at [/api/ws-docs](/api/ws-docs) (AsyncAPI 3.0; the document itself at ' +
          '[/api/ws-docs/asyncapi.json](/api/ws-docs/asyncapi.json)).\n\n' +
          'Operations: `GET /api/health/ready` (readiness of the database and Redis), `GET /api/metrics` (Prometheus).',
      )
      .setVersion('1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs-json',
    customSiteTitle: 'Chat API',
    // No validator badge: it would load an image from validator.swagger.io (CSP img-src 'self') and tell it our URL.
    swaggerOptions: { persistAuthorization: true, validatorUrl: null },
  });
}
