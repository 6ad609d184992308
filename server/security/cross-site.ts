/**
 * A web page in the same browser as the viewer can make that browser request the viewer's addresses
 * (an image, a script, a fetch in no-cors mode). With the viewer's password remembered by the browser those
 * requests are authenticated; without it, each one spends one of the user's password tries against the
 * throttle. Browsers say where a request comes from (Sec-Fetch-Site): the viewer refuses requests made by
 * other sites, except a top-level navigation (someone following a link to it), before authentication.
 * Clients that send no such header (curl, Prometheus, old browsers) are not concerned.
 */
import type { NextFunction, Request, Response } from 'express';

export function refuseCrossSite(req: Request, res: Response, next: NextFunction): void {
  const site = req.headers['sec-fetch-site'];
  if (site !== 'cross-site' && site !== 'same-site') return next();
  const navigation = req.headers['sec-fetch-mode'] === 'navigate' && (req.headers['sec-fetch-dest'] ?? 'document') === 'document';
  if (navigation && req.method === 'GET') return next();
  res.status(403).type('text/plain').send('403 Forbidden: the meetbench viewer does not answer requests made by other sites\n');
}
