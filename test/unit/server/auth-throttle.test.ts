import { describe, expect, it } from 'vitest';
import { AuthThrottle, FREE_FAILURES, clientKey } from '../../../server/security/auth-throttle.ts';

describe('the password throttle', () => {
  it('lets typos through, then doubles the wait up to a minute, per client; the right password resets it', () => {
    let now = 0;
    const throttle = new AuthThrottle({ now: () => now });
    const waits: number[] = [];
    for (let i = 0; i < FREE_FAILURES + 8; i += 1) {
      const verdict = throttle.check('10.0.0.1');
      if (!verdict.allowed) now += verdict.retryAfterS * 1000;
      waits.push(throttle.failed('10.0.0.1').waitMs);
    }
    expect(waits).toEqual([0, 0, 0, 0, 0, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
    expect(throttle.check('10.0.0.2')).toEqual({ allowed: true });
    expect(throttle.check('10.0.0.1')).toEqual({ allowed: false, retryAfterS: 60 });
    now += 60_000;
    throttle.succeeded('10.0.0.1');
    expect(throttle.failed('10.0.0.1').waitMs).toBe(0);
  });

  it('keys IPv4 as is, mapped IPv4 as IPv4, and IPv6 by its /64', () => {
    expect(clientKey('192.0.2.7')).toBe('192.0.2.7');
    expect(clientKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
  });
});
