/** Last middleware: HttpError → its status; anything else → 500 with no detail leaked to the page. */
import type { NextFunction, Request, Response } from 'express';
import { HttpError } from './http-errors.ts';
import { render } from './render.ts';

export function notFoundHandler(_req: Request, _res: Response, next: NextFunction): void {
  next(new HttpError(404, 'page not found'));
}

export async function errorMiddleware(error: unknown, req: Request, res: Response, _next: NextFunction): Promise<void> {
  // Express's own client errors (a URL parameter with broken %-encoding: URIError, status 400) stay 4xx
  const clientStatus = (error as { status?: unknown } | null)?.status;
  const clientError = typeof clientStatus === 'number' && clientStatus >= 400 && clientStatus < 500 ? clientStatus : null;
  const status = error instanceof HttpError ? error.status : (clientError ?? 500);
  if (status === 500) process.stderr.write(`meetbench viewer: ${req.method} ${req.originalUrl}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  const message = error instanceof HttpError ? error.message : clientError ? 'bad request' : 'internal error';
  if (req.path.startsWith('/api/') || req.path.startsWith('/artifacts/') || req.path === '/metrics' || !res.locals.t) {
    res.status(status).json({ error: message, status });
    return;
  }
  await render(res, 'error', { status, message }, status);
}
