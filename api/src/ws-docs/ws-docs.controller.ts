import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { join } from 'node:path';
import { Public } from '../auth/public.decorator';

/**
 * Where the build puts the page, its script, the AsyncAPI document (from
 * libs/protocol) and the viewer bundle and styles (from
 * @asyncapi/react-component): dist/api/ws-docs, see api/webpack.config.js.
 */
export const WS_DOCS_DIR = join(__dirname, 'ws-docs');

/**
 * The page's own policy. Scripts come only from this server, never inline;
 * but the viewer bundle compiles JSON schemas (ajv) with `new Function` as
 * it loads, so this page, and only this page, allows 'unsafe-eval'. It
 * shows a static document and handles no token or user data.
 */
export const WS_DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/** The WebSocket protocol, documented like the REST API: an AsyncAPI 3.0 document and a page that renders it. */
@ApiTags('websocket')
@Public()
@Controller('ws-docs')
export class WsDocsController {
  @Get()
  @ApiOperation({ summary: 'The WebSocket protocol (/ws), rendered from its AsyncAPI document' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'An HTML page' })
  page(@Res() response: Response): void {
    response.setHeader('Content-Security-Policy', WS_DOCS_CSP);
    send(response, 'index.html');
  }

  @Get('asyncapi.json')
  @ApiOperation({ summary: 'The AsyncAPI 3.0 document of the WebSocket protocol: every client and server event, error and close code' })
  @ApiOkResponse({ description: 'AsyncAPI 3.0 (JSON)', schema: { type: 'object' } })
  document(@Res() response: Response): void {
    send(response, 'asyncapi.json');
  }

  @Get('ws-docs.js')
  @ApiExcludeEndpoint()
  script(@Res() response: Response): void {
    send(response, 'ws-docs.js');
  }

  @Get('viewer.js')
  @ApiExcludeEndpoint()
  viewer(@Res() response: Response): void {
    send(response, 'viewer/index.js');
  }

  @Get('viewer.css')
  @ApiExcludeEndpoint()
  styles(@Res() response: Response): void {
    send(response, 'viewer/default.min.css');
  }
}

/** A fixed file name from WS_DOCS_DIR (never from the request), with Express's caching headers. */
function send(response: Response, file: string): void {
  response.sendFile(file, { root: WS_DOCS_DIR });
}
