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
  const host = request.headers.host;
  if (!host) return false;
  const forwarded = request.headers['x-forwarded-proto'];
  const scheme =
    (typeof forwarded === 'string' && forwarded.split(',')[0].trim()) ||
    ((request.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http');
  return origin === `${scheme}://${host}`;
}
