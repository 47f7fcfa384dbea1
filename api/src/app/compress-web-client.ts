import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';
import { isApiPath } from './server-paths';

/**
 * Compresses the web client's static files (its scripts, styles and the
 * 440 KB emoji data of the reaction picker shrink four to six times), and
 * nothing under /api: API answers carry session tokens next to text that
 * clients choose, which is what a BREACH-style attack on compressed
 * bodies needs, and they are small JSON that a proxy can compress where
 * it is safe. The well-kept Express middleware, not a hand-written one:
 * it negotiates Accept-Encoding, sets Vary and skips small bodies.
 */
export function compressWebClient(): RequestHandler {
  return compression({ filter: (req: Request, res: Response) => !isApiPath(req.path) && compression.filter(req, res) });
}
