import type { ErrorRequestHandler } from 'express';

/**
 * Answers the router's own error for a path parameter that is not valid
 * percent-encoding (`/api/groups/%E0%A4%A`, a reaction's `%zz`): Express 5's
 * router fails the request with a URIError ("Failed to decode param ...",
 * `status` 400) while matching routes, before any handler or pipe runs.
 *
 * Without a web client to serve, Nest's own error handler already makes it
 * a 400 (it maps a URIError to a BadRequestException), answered in Nest's
 * shape by the global filter. With one, @nestjs/serve-static's error
 * middleware comes first and turns every error on a path it excludes (all
 * of /api) into a 404, as it would the body parser's (body-parser-errors.ts).
 * So WebClientModule installs this just before serve-static's layers, after
 * the routes, and the answer is the same 400 either way.
 */
export const pathDecodeErrors: ErrorRequestHandler = (error, _req, res, next) => {
  if (!(error instanceof URIError)) return next(error);
  res.status(400).json({ statusCode: 400, message: error.message, error: 'Bad Request' });
};
