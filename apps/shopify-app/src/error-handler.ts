import { describeError } from '@referrals/core';
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';

/** Last middleware: statuses come from core's describeError; nothing leaks a stack. */
export const errorHandler =
  (logger: Logger): ErrorRequestHandler =>
  (error, req, res, _next) => {
    const { status, body } = describeError(error);
    if (status >= 500) logger.error({ err: error, path: req.path }, 'request failed');
    res.status(status).json(body);
  };
