import type { ErrorRequestHandler } from 'express';

/**
 * Answers the JSON body parser's own errors (bad JSON 400, over 16 KiB 413,
 * an unknown charset or encoding 415, a gzip/deflate/br body that does not
 * decompress 400) in Nest's error shape, before any other error middleware
 * can change them (@nestjs/serve-static, used before, turned every error on
 * /api into a 404).
 *
 * Any 4xx http-error that reaches this point is the body parser's (it is
 * the only middleware before it that fails requests), with or without a
 * `type`: body-parser gives decompression failures none
 * (docs/decisions/input-hardening.md).
 */
export const bodyParserErrors: ErrorRequestHandler = (error, _req, res, next) => {
  const status = typeof error?.status === 'number' ? error.status : 0;
  if (status !== 400 && status !== 413 && status !== 415) return next(error);
  const [message, label] =
    status === 413
      ? ['Request body is larger than 16 KiB', 'Payload Too Large']
      : status === 415
        ? ['Unsupported body encoding', 'Unsupported Media Type']
        : error.type === 'entity.parse.failed'
          ? ['Request body is not valid JSON', 'Bad Request']
          : ['Request body could not be read', 'Bad Request'];
  res.status(status).json({ statusCode: status, message, error: label });
};
