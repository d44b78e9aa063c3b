import { describeError } from '@referrals/core';
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';

type HttpError = { status?: number; expose?: boolean; type?: string };

/** Last middleware: DomainErrors map to statuses via core's table; nothing leaks a stack. */
export const errorHandler =
  (logger: Logger): ErrorRequestHandler =>
  (error, req, res, _next) => {
    const http = error as HttpError;
    // Body-parser refusals (too large, bad encoding) are the client's: say which, with their status.
    if (http.expose && typeof http.status === 'number' && http.status >= 400 && http.status < 500) {
      return void res
        .status(http.status)
        .json({ error: (http.type ?? 'bad_request').toUpperCase().replace(/\./g, '_') });
    }
    const { status, body } = describeError(error);
    if (status >= 500) logger.error({ err: error, path: req.path }, 'request failed');
    res.status(status).json(body);
  };
