import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { IncomingMessage } from 'node:http';
import { requestOrigin } from '../config/origin-policy';

/**
 * HTTP security headers (helmet) for everything this server answers: the
 * web client at `/`, REST under `/api`, Swagger UI at `/api/docs`.
 *
 * One Content-Security-Policy fits all three because none of them runs
 * inline script: Swagger UI loads swagger-ui-init.js, the Angular build
 * loads its bundles (web/project.json turns off critical-CSS inlining,
 * whose `onload` attribute is inline script). Inline *styles* are allowed,
 * as in helmet's default: Swagger UI's page and Angular's component styles
 * are `<style>` elements.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        // The WebSocket of the same host. CSP Level 3 counts same-origin ws:/wss: as 'self'
        // (Chromium and Firefox do), older browsers do not: name it too.
        connectSrc: ["'self'", (request) => sameHostWebSocket(request as IncomingMessage)],
        // The server speaks plain HTTP unless a proxy adds TLS: upgrading every load to
        // https would break the app and Swagger UI on http://localhost. A TLS proxy can add it.
        upgradeInsecureRequests: null,
      },
    },
    // Helmet's other defaults stay: nosniff, frame-ancestors/X-Frame-Options same-origin,
    // Referrer-Policy no-referrer, Cross-Origin-{Opener,Resource}-Policy same-origin, and HSTS
    // (which browsers ignore over plain HTTP and honour behind a TLS proxy).
  });
}

/** `ws://host:port` (or `wss:` behind TLS) of the Host the page was loaded from; nothing for a strange Host. */
function sameHostWebSocket(request: IncomingMessage): string {
  const origin = requestOrigin(request);
  const match = origin && /^http(s?):\/\/((?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?)$/i.exec(origin);
  return match ? `ws${match[1]}://${match[2]}` : '';
}
