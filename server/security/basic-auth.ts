/**
 * HTTP Basic authentication, required whenever the viewer listens on anything but loopback. One shared
 * password (from MEETBENCH_VIEWER_PASSWORD or a file), compared in constant time; an empty password is
 * refused when the app is built, so a misconfiguration can never mean "open to the LAN". Wrong passwords
 * are throttled per client address (auth-throttle.ts) and logged with the address, never with what was typed.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { AuthThrottle, clientKey } from './auth-throttle.ts';

export interface AuthOptions {
  password: string;
  user?: string;
  /** the throttle's clock (tests cover hours of waiting with it); Date.now by default */
  now?: () => number;
  /** where failures are logged; the viewer's stderr by default */
  log?: (line: string) => void;
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

export class EmptyPasswordError extends Error {
  constructor() {
    super('the viewer password is empty: refusing to serve without authentication');
    this.name = 'EmptyPasswordError';
  }
}

export function basicAuth(options: AuthOptions): (req: Request, res: Response, next: NextFunction) => void {
  if (options.password.trim() === '') throw new EmptyPasswordError();
  const expected = digest(`${options.user ?? 'meetbench'}:${options.password}`);
  const throttle = new AuthThrottle(options.now ? { now: options.now } : {});
  const log = options.log ?? ((line: string): void => void process.stderr.write(`${line}\n`));
  const challenge = (res: Response): void => {
    res.setHeader('WWW-Authenticate', 'Basic realm="meetbench", charset="UTF-8"');
    res.status(401).type('text/plain').send('401 Unauthorized: the meetbench viewer needs its password\n');
  };
  return (req, res, next) => {
    // what was served for a password is nobody else's: no shared cache (a city proxy) may keep it; the
    // static assets relax this to private caching (create-app.ts)
    res.setHeader('Cache-Control', 'private, no-store');
    const header = req.headers.authorization;
    // a browser asks without credentials first: that is not a guess
    if (header === undefined) return challenge(res);
    const client = clientKey(req.socket.remoteAddress);
    const verdict = throttle.check(client);
    if (!verdict.allowed) {
      res.setHeader('Retry-After', String(verdict.retryAfterS));
      res.status(429).type('text/plain').send(`429 Too Many Requests: too many wrong passwords from this address; try again in ${verdict.retryAfterS} s\n`);
      return;
    }
    // the scheme is case-insensitive (RFC 9110 11.1): proxies and clients send "basic" too
    const match = /^basic +([A-Za-z0-9+/]+={0,2}) *$/i.exec(header);
    const given = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
    // compare digests so the comparison takes the same time whatever the length of the guess
    if (given && timingSafeEqual(digest(given), expected)) {
      throttle.succeeded(client);
      return next();
    }
    const { failures, waitMs } = throttle.failed(client);
    log(
      `meetbench viewer: wrong password from ${client} (${failures} in a row${waitMs > 0 ? `; its next try is refused for ${Math.ceil(waitMs / 1000)} s` : ''})`,
    );
    challenge(res);
  };
}

/** 127.0.0.0/8, ::1 and localhost: the only hosts the viewer may bind without a password. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  if (/^::ffff:127\.\d+\.\d+\.\d+$/.test(h)) return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}
