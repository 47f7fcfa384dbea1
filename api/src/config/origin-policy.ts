import type { IncomingMessage } from 'node:http';

/**
 * Whether a browser page from `origin` may open /ws or call the API. With no
 * ALLOWED_ORIGINS, only the origin the request was addressed to is allowed
 * (its scheme and Host header), which stops cross-site WebSocket hijacking
 * while letting the app served by this same server connect.
 */
export function isOriginAllowed(
  origin: string | undefined,
  request: IncomingMessage,
  allowed: readonly string[] | null,
): boolean {
  if (!origin) return true; // not a browser: nothing to protect against
  if (allowed) return allowed.includes(origin);
  const own = requestOrigin(request);
  return own !== null && origin === own;
}

/**
 * The origin a request was addressed to: `https` behind a TLS socket or a
 * proxy that says so (first X-Forwarded-Proto), the Host header as sent.
 * `null` without a Host header.
 */
export function requestOrigin(request: IncomingMessage): string | null {
  const host = request.headers.host;
  if (!host) return null;
  return `${requestScheme(request)}://${host}`;
}

function requestScheme(request: IncomingMessage): 'http' | 'https' {
  const forwarded = request.headers['x-forwarded-proto'];
  const first = typeof forwarded === 'string' ? forwarded.split(',')[0].trim().toLowerCase() : '';
  if (first === 'https' || first === 'http') return first;
  return (request.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
}
