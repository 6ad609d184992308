/**
 * Wrong passwords slow their sender down, per client address: the first few are free (typos), then each
 * one closes the door for twice as long as the last, up to a minute, so guessing goes from about 800
 * tries a second to at most one a minute. A client inside its wait gets 429 with Retry-After and its
 * password is not even checked (no free oracle meanwhile); the right password resets it. Other clients are
 * never slowed by someone else's guesses. The clock is injectable so a test can cover hours of waiting.
 */
export interface ThrottleOptions {
  /** milliseconds since some origin; Date.now by default */
  now?: () => number;
}

/** typos are not attacks: this many wrong passwords in a row cost nothing */
export const FREE_FAILURES = 5;
const FIRST_WAIT_MS = 1_000;
const LONGEST_WAIT_MS = 60_000;
/** a client quiet this long after its wait is forgotten */
const FORGET_AFTER_MS = 60 * 60_000;
/** bounded memory, whatever the number of addresses guessing */
const MAX_CLIENTS = 10_000;

interface ClientState {
  failures: number;
  /** no check before this time */
  waitUntil: number;
}

export type Verdict = { allowed: true } | { allowed: false; retryAfterS: number };

export class AuthThrottle {
  private readonly clients = new Map<string, ClientState>();
  private readonly now: () => number;

  constructor(options: ThrottleOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /** may this client's credentials be checked now? */
  check(client: string): Verdict {
    const state = this.clients.get(client);
    if (!state) return { allowed: true };
    const left = state.waitUntil - this.now();
    return left > 0 ? { allowed: false, retryAfterS: Math.ceil(left / 1000) } : { allowed: true };
  }

  /** a wrong password: returns how many in a row, and the wait it earned (0 while free) */
  failed(client: string): { failures: number; waitMs: number } {
    const now = this.now();
    const previous = this.clients.get(client);
    const failures = (previous && now - previous.waitUntil < FORGET_AFTER_MS ? previous.failures : 0) + 1;
    const waitMs = failures <= FREE_FAILURES ? 0 : Math.min(FIRST_WAIT_MS * 2 ** (failures - FREE_FAILURES - 1), LONGEST_WAIT_MS);
    // re-inserted at the end: the map's order is the least recently failing first, the first to go when full
    this.clients.delete(client);
    this.clients.set(client, { failures, waitUntil: now + waitMs });
    if (this.clients.size > MAX_CLIENTS) this.evict(now);
    return { failures, waitMs };
  }

  succeeded(client: string): void {
    this.clients.delete(client);
  }

  private evict(now: number): void {
    for (const [client, state] of this.clients) {
      if (this.clients.size <= MAX_CLIENTS) return;
      // forgotten first: whoever is not waiting; a waiting client is dropped only when all are waiting
      if (state.waitUntil <= now) this.clients.delete(client);
    }
    for (const client of this.clients.keys()) {
      if (this.clients.size <= MAX_CLIENTS) return;
      this.clients.delete(client);
    }
  }
}

/**
 * The address a throttle keys on: IPv4 as is (also when mapped into IPv6), IPv6 by its /64, since one
 * machine usually holds a whole /64 and could otherwise change address for every guess.
 */
export function clientKey(remoteAddress: string | undefined): string {
  const address = (remoteAddress ?? 'unknown').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
