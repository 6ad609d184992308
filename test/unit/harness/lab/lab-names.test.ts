/** Names and addresses of lab objects: `mb-` prefix, Linux' 15-character limit, no collisions. */
import { describe, expect, it } from 'vitest';
import { MAX_PARTICIPANT_INDEX, participantNames, platformNames } from '../../../../harness/lab/lab-names.ts';

describe('participantNames', () => {
  it('gives participant 3 namespace mb-p3 at 10.99.0.23 with a predictable host veth', () => {
    expect(participantNames(3)).toEqual({ namespace: 'mb-p3', address: '10.99.0.23', hostVeth: 'mb-p3h', nsVeth: 'mb-p3n' });
  });

  it('keeps every interface name within 15 characters and every address inside the /24', () => {
    const last = participantNames(MAX_PARTICIPANT_INDEX);
    expect(last.address).toBe('10.99.0.254');
    expect(last.hostVeth.length).toBeLessThanOrEqual(15);
  });

  it.each([-1, 1.5, MAX_PARTICIPANT_INDEX + 1])('refuses index %s', (index) => {
    expect(() => participantNames(index)).toThrow(/participant index/);
  });
});

describe('platformNames', () => {
  it('names janus mb-janus with its veth pair', () => {
    expect(platformNames('janus', 2)).toEqual({ namespace: 'mb-janus', address: '10.99.0.2', hostVeth: 'mb-janush', nsVeth: 'mb-janusn' });
  });

  it('refuses ids that would collide with participants or overflow interface names', () => {
    expect(() => platformNames('p3', 4)).toThrow(/cannot name a lab namespace/);
    expect(() => platformNames('averyverylongid', 4)).toThrow(/cannot name a lab namespace/);
    expect(() => platformNames('Janus', 4)).toThrow(/cannot name a lab namespace/);
    expect(() => platformNames('zimbra-', 4)).toThrow(/cannot name a lab namespace/);
    expect(() => platformNames('zimbra--p2p', 4)).toThrow(/cannot name a lab namespace/);
  });

  it('accepts an inner hyphen, within 15 characters per interface name', () => {
    expect(platformNames('zimbra-p2p', 7)).toEqual({ namespace: 'mb-zimbra-p2p', address: '10.99.0.7', hostVeth: 'mb-zimbra-p2ph', nsVeth: 'mb-zimbra-p2pn' });
  });

  it('refuses octets in the participant range', () => {
    expect(() => platformNames('janus', 20)).toThrow(/outside 2\.\.19/);
  });
});
