/**
 * A viewer without a password listens on loopback only, and then answers only requests addressed to a
 * loopback name. Without this check, a web page the user visits could rebind its own DNS name to 127.0.0.1
 * and read the scorecards through the user's browser (DNS rebinding): such requests carry the page's own
 * name in their Host header. Requests without a Host header (HTTP/1.0 tools) cannot come from a browser.
 */
import type { NextFunction, Request, Response } from 'express';
import { isLoopbackHost } from './basic-auth.ts';

/** `127.0.0.1:8080` → `127.0.0.1`, `[::1]:8080` → `::1`, `localhost` → `localhost` */
export function hostName(hostHeader: string): string {
  const trimmed = hostHeader.trim();
  if (trimmed.startsWith('[')) return trimmed.slice(1, trimmed.indexOf(']') > 0 ? trimmed.indexOf(']') : undefined);
  return trimmed.replace(/:\d*$/, '');
}

export function loopbackHostOnly(req: Request, res: Response, next: NextFunction): void {
  const host = req.headers.host;
  if (host === undefined || isLoopbackHost(hostName(host))) return next();
  res
    .status(421)
    .type('text/plain')
    .send('421 Misdirected Request: this meetbench viewer answers only to localhost and 127.0.0.1 (start it with a password to serve it on the network)\n');
}
