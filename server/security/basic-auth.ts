/**
 * HTTP Basic authentication, required whenever the viewer listens on anything but loopback. One shared
 * password (from MEETBENCH_VIEWER_PASSWORD or a file), compared in constant time; an empty password is
 * refused when the app is built, so a misconfiguration can never mean "open to the LAN".
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export interface AuthOptions {
  password: string;
  user?: string;
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
  return (req, res, next) => {
    const header = req.headers.authorization ?? '';
    const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header);
    const given = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
    // compare digests so the comparison takes the same time whatever the length of the guess
    if (given && timingSafeEqual(digest(given), expected)) return next();
    res.setHeader('WWW-Authenticate', 'Basic realm="meetbench", charset="UTF-8"');
    res.status(401).type('text/plain').send('401 Unauthorized: the meetbench viewer needs its password\n');
  };
}

/** 127.0.0.0/8, ::1 and localhost: the only hosts the viewer may bind without a password. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  if (/^::ffff:127\.\d+\.\d+\.\d+$/.test(h)) return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}
