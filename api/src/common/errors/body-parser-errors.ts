import type { ErrorRequestHandler } from 'express';

/**
 * Answers the JSON body parser's own errors (bad JSON 400, over 16 KiB 413)
 * in Nest's error shape. It must run before any other error middleware:
 * @nestjs/serve-static's turns every error on an excluded path (all of
 * /api) into a 404.
 */
export const bodyParserErrors: ErrorRequestHandler = (error, _req, res, next) => {
  const status = typeof error?.type === 'string' && typeof error.status === 'number' ? error.status : 0;
  if (status < 400 || status >= 500) return next(error);
  const [message, label] =
    status === 413
      ? ['Request body is larger than 16 KiB', 'Payload Too Large']
      : status === 415
        ? ['Unsupported body encoding', 'Unsupported Media Type']
        : ['Request body is not valid JSON', 'Bad Request'];
  res.status(status).json({ statusCode: status, message, error: label });
};
