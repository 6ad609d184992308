/**
 * Last middleware: HttpError → its status; a results store the viewer cannot read (corrupt, written by a
 * newer meetbench) → 503 saying so; a path that would leave the data directory → 404, like anything
 * missing; another expected problem (a trial's samples file that is a FIFO) → 422 saying so. Expected
 * problems are logged once per distinct message, without a stack; anything else → 500 with no detail
 * leaked to the page, its stack in the log.
 */
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import { isExpectedError, type ExpectedError } from '../results/errors.ts';
import { HttpError } from './http-errors.ts';
import { render } from './render.ts';

export function notFoundHandler(_req: Request, _res: Response, next: NextFunction): void {
  next(new HttpError(404, 'page not found'));
}

const isStoreProblem = (error: unknown): error is ExpectedError => isExpectedError(error) && error.code.startsWith('STORE_');

export function errorMiddleware(dataDir: string): (error: unknown, req: Request, res: Response, next: NextFunction) => Promise<void> {
  // the same unreadable store is met by every request until it changes: say it once in the log, not per poll
  let lastExpected = '';
  return async (error, req, res, _next) => {
    // Express's own client errors (a URL parameter with broken %-encoding: URIError, status 400) stay 4xx
    const clientStatus = (error as { status?: unknown } | null)?.status;
    const clientError = typeof clientStatus === 'number' && clientStatus >= 400 && clientStatus < 500 ? clientStatus : null;
    let status = error instanceof HttpError ? error.status : (clientError ?? 500);
    let message = error instanceof HttpError ? error.message : clientError ? 'bad request' : 'internal error';
    if (isExpectedError(error) && !(error instanceof HttpError)) {
      const outside = error.code === 'PATH_OUTSIDE_ROOT';
      status = isStoreProblem(error) ? 503 : outside ? 404 : 422;
      // the page names files inside the data dir, not where the server keeps it; nothing about a path outside
      message = outside ? 'not found' : error.message.split(`${dataDir}${path.sep}`).join('');
      const logged = [error.message, ...error.details, ...(error.hint ? [`hint: ${error.hint}`] : [])].join('\n  ');
      if (logged !== lastExpected)
        process.stderr.write(`meetbench viewer: ${req.method} ${req.path}: ${logged}${status === 503 ? '\n  (answering 503 until the file changes)' : ''}\n`);
      lastExpected = logged;
      if (status === 503) res.setHeader('Retry-After', '60');
    } else if (status === 500) {
      process.stderr.write(`meetbench viewer: ${req.method} ${req.originalUrl}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    if (req.path.startsWith('/api/') || req.path.startsWith('/artifacts/') || req.path === '/metrics' || !res.locals.t) {
      res.status(status).json({ error: message, status, ...(isExpectedError(error) ? { code: error.code } : {}) });
      return;
    }
    await render(res, 'error', { status, message }, status);
  };
}
