import type { ErrorRequestHandler } from 'express';

/**
 * Answers the router's own error for a path parameter that is not valid
 * percent-encoding (`/api/groups/%E0%A4%A`, a reaction's `%zz`): Express 5's
 * router fails the request with a URIError ("Failed to decode param ...",
 * `status` 400) while matching routes, before any handler or pipe runs.
 *
 * Nest's own error handler makes it a 400 too (it maps a URIError to a
 * BadRequestException); this answers it before any layer of the web
 * client's (WebClientModule) can see it, so the answer is the same 400
 * with and without a web client (@nestjs/serve-static, used before, turned
 * it into a 404).
 */
export const pathDecodeErrors: ErrorRequestHandler = (error, _req, res, next) => {
  if (!(error instanceof URIError)) return next(error);
  res.status(400).json({ statusCode: 400, message: error.message, error: 'Bad Request' });
};
