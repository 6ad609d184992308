/**
 * Who is who in the lab: Carbonio knows its users from their ZM_AUTH_TOKEN cookie; the lab has no
 * directory, so whoever opens a meeting page without that cookie becomes a new member and gets one.
 * Each participant's browser (or incognito context) is then one member, as each agent is in Carbonio.
 */
import { randomBytes } from 'node:crypto';
import type { LabUser } from './meeting-participant.ts';

export const AUTH_COOKIE = 'ZM_AUTH_TOKEN';

export class LabMembers {
  private readonly byToken = new Map<string, LabUser>();
  private count = 0;

  /** the member of this token, or a new one with a new token */
  signIn(token: string | undefined): { token: string; user: LabUser } {
    const known = token ? this.byToken.get(token) : undefined;
    if (known && token) return { token, user: known };
    this.count += 1;
    const fresh = randomBytes(16).toString('hex');
    const user = { id: `u${randomBytes(6).toString('hex')}`, name: `lab member ${this.count}` };
    this.byToken.set(fresh, user);
    return { token: fresh, user };
  }

  fromCookie(cookieHeader: string | undefined): LabUser | null {
    const token = readCookie(cookieHeader, AUTH_COOKIE);
    return token ? (this.byToken.get(token) ?? null) : null;
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
