import { describeError, errorLogFields } from '@referrals/core';
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';

/**
 * Last middleware: status and body come from core's describeError (the code and its public
 * message, never the internal one, never a stack). The internal message and code are logged:
 * 5xx as errors with the stack, 4xx as warnings.
 */
export const errorHandler =
  (logger: Logger): ErrorRequestHandler =>
  (error, req, res, _next) => {
    const { status, body } = describeError(error);
    const fields = { ...errorLogFields(error), status, path: req.path };
    if (status >= 500) logger.error({ err: error, ...fields }, 'request failed');
    else logger.warn(fields, 'request refused');
    res.status(status).json(body);
  };
