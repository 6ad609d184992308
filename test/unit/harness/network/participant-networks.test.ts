/** Who gets which profile, what the run plan says and refuses, the catalogue, and recovery from samples. */
import { describe, expect, it } from 'vitest';
import type { Sample } from '../../../../results/run-record.ts';
import { isExpectedError } from '../../../../results/errors.ts';
import type { ShapingFeatures } from '../../../../harness/network/shaping-features.ts';
import { loadCatalogue } from '../../../../harness/network/catalogue.ts';
import { assignNetworks, checkNetworkPlan, needsShaping, needsTurn, targetIndexes } from '../../../../harness/network/participant-networks.ts';
import { recoveryAfterCut, stayedInMeeting } from '../../../../harness/network/recovery.ts';
import { turnPageScript } from '../../../../harness/network/turn-page-script.ts';
import { scenarioSchema } from '../../../../harness/scenario/scenario-schema.ts';

const thisKernel: ShapingFeatures = { tbf: true, netem: false, nftables: true, netdevEgress: true, why: { netem: 'qdisc netem is missing here' } };

const scenario = (extra: object) =>
  scenarioSchema.parse({ name: 's', platforms: [{ id: 'janus', adapter: 'janus-videoroom', url: 'lab:janus' }], participants: { count: 4 }, ...extra });

describe('the catalogue', () => {
  it('has the six profiles of the issue, each with a source, and the LAN unshaped', () => {
    const { profiles } = loadCatalogue();
    for (const name of ['lan', 'fibre', 'adsl', '4g', 'vpn', 'wifi-congested']) {
      expect(profiles[name], name).toBeDefined();
      expect(profiles[name]!.source, name).toBeTruthy();
    }
    expect(profiles.lan!.uplink).toEqual({});
    const vpn = profiles.vpn!;
    expect(vpn.downlink.rateKbps!).toBeGreaterThan(vpn.uplink.rateKbps!);
    expect(vpn.uplink.delayMs).toBeGreaterThan(0);
    expect(vpn.uplink.lossPct).toBeGreaterThan(0);
  });
});

describe('assignNetworks', () => {
  it('groups take participants in order; the rest take the trial network', () => {
    const s = scenario({
      participants: {
        count: 4,
        groups: [
          { name: 'office', count: 2 },
          { name: 'home', count: 2, network: 'vpn' },
        ],
      },
    });
    expect(assignNetworks(s, 'lan').map((n) => [n.index, n.group, n.name])).toEqual([
      [0, 'office', 'lan'],
      [1, 'office', 'lan'],
      [2, 'home', 'vpn'],
      [3, 'home', 'vpn'],
    ]);
    expect(assignNetworks(s, 'adsl').map((n) => n.name)).toEqual(['adsl', 'adsl', 'vpn', 'vpn']);
    expect(targetIndexes(s, assignNetworks(s, 'lan'), { group: 'home' })).toEqual([2, 3]);
    expect(targetIndexes(s, assignNetworks(s, 'lan'), { participants: ['bench1'] })).toEqual([0]);
  });

  it('inline profiles come before the catalogue; unknown names are refused with the known ones', () => {
    const s = scenario({ networks: ['mine'], networkProfiles: { mine: { uplink: { rateKbps: 300 } } } });
    expect(assignNetworks(s, 'mine')[0]!.profile.uplink.rateKbps).toBe(300);
    expect(() => assignNetworks(scenario({ networks: ['nope'] }), 'nope')).toThrow(/unknown network profile "nope"/);
  });

  it('knows when shaping and TURN are needed', () => {
    expect(needsShaping(scenario({}))).toBe(false);
    expect(needsShaping(scenario({ networks: ['lan', 'vpn'] }))).toBe(true);
    expect(needsTurn(scenario({ networks: ['turn-only'] }))).toBe(true);
  });
});

describe('checkNetworkPlan', () => {
  it('refuses a profile this machine cannot apply in full, naming what and how to accept it', () => {
    try {
      checkNetworkPlan(scenario({ networks: ['vpn'] }), thisKernel);
      expect.fail('should refuse');
    } catch (error) {
      expect(isExpectedError(error) && error.code).toBe('UNSUPPORTED');
      expect((error as Error).message).toMatch(/"vpn" cannot be applied in full on this machine: uplink delay 30 ms: delay needs netem/);
      expect((error as { hint?: string }).hint).toMatch(/acceptPartialShaping: true/);
    }
  });

  it('with acceptPartialShaping it plans what can be applied, and says what cannot', () => {
    const lines = checkNetworkPlan(scenario({ networks: ['lan', 'vpn'], acceptPartialShaping: true }), thisKernel);
    expect(lines[0]).toBe('lan: nothing to shape');
    expect(lines[1]).toMatch(/^vpn: PARTIAL, not applicable here: .*delay.*; applicable: uplink rate 1 Mbit\/s \(tbf\)/);
  });

  it('checks the profiles a timeline switches to before anything starts, not in mid-measurement', () => {
    const switching = (extra: object) =>
      scenario({
        participants: { count: 2, groups: [{ name: 'home', count: 1 }, { count: 1 }] },
        durationS: 30,
        timeline: [{ at: 5, profile: { group: 'home', network: 'vpn' } }],
        ...extra,
      });
    expect(() => checkNetworkPlan(switching({}), thisKernel)).toThrow(/"vpn" cannot be applied in full on this machine/);
    expect(checkNetworkPlan(switching({ acceptPartialShaping: true }), thisKernel)).toEqual(['lan: nothing to shape', expect.stringMatching(/^vpn: PARTIAL/)]);
    expect(() =>
      checkNetworkPlan(
        scenario({
          participants: { count: 2, groups: [{ name: 'home', count: 1 }, { count: 1 }] },
          durationS: 30,
          timeline: [{ at: 5, profile: { group: 'home', network: 'dial-up' } }],
        }),
        thisKernel,
      ),
    ).toThrow(/dial-up/);
  });

  it('needs the lab (root) for any shaping', () => {
    expect(() => checkNetworkPlan(scenario({ networks: ['turn-only'] }), null)).toThrow(/needs the lab/);
    expect(checkNetworkPlan(scenario({}), null)).toEqual(['lan: nothing to shape']);
  });
});

describe('timeline in the scenario schema', () => {
  it('checks group names, one action kind, and that the action ends inside the window', () => {
    const base = { participants: { count: 2, groups: [{ name: 'home', count: 1 }, { count: 1 }] }, durationS: 30 };
    expect(scenarioSchema.safeParse({ ...scenario({}), ...base, timeline: [{ at: 5, cut: { group: 'home', durationS: 10 } }] }).success).toBe(true);
    const bad = (timeline: object[]) =>
      scenarioSchema.safeParse({ name: 's', platforms: [{ id: 'j', adapter: 'janus-videoroom', url: 'lab:janus' }], ...base, timeline });
    expect(bad([{ at: 5, cut: { group: 'nope', durationS: 10 } }]).error!.issues[0]!.message).toMatch(/no participant group named "nope"; groups: home/);
    expect(bad([{ at: 25, cut: { group: 'home', durationS: 10 } }]).error!.issues[0]!.message).toMatch(/ends at 35 s/);
    expect(bad([{ at: 5, cut: { group: 'home', durationS: 10 }, profile: { group: 'home', network: 'lan' } }]).success).toBe(false);
    expect(bad([{ at: 5, cut: { durationS: 10 } }]).success).toBe(false);
    expect(
      scenarioSchema.safeParse({
        name: 's',
        platforms: [{ id: 'j', adapter: 'janus-videoroom', url: 'lab:janus' }],
        participants: { count: 3, groups: [{ count: 1 }] },
      }).success,
    ).toBe(false);
  });
});

describe('recovery after a cut', () => {
  const sample = (t: number, up: number, down: number, connectedPcs = 2): Sample => ({
    t,
    participant: 'b1',
    uplinkKbps: 500,
    downlinkKbps: down,
    kernelUplinkPayloadKbps: up,
    connectedPcs,
  });

  it('counts from the end of the cut to the first second with media both ways (kernel uplink, getStats downlink)', () => {
    // cut from 5 to 15: getStats uplink stays at 500 (the browser thinks it sends), the kernel sees nothing
    const samples = [sample(4, 500, 900), ...[6, 10, 15, 16, 17].map((t) => sample(t, 0, 0, 1)), sample(18, 3, 800), sample(19, 480, 850)];
    expect(recoveryAfterCut(samples, 15, 'sender')).toBe(4);
    expect(recoveryAfterCut(samples, 15, 'receiver')).toBe(3);
    expect(recoveryAfterCut(samples.slice(0, 5), 15, 'sender')).toBeNull();
  });

  it('stayed: browser alive and a peer connection connected at the end', () => {
    expect(stayedInMeeting([sample(1, 1, 1, 0), sample(2, 1, 1, 2)], false)).toBe(true);
    expect(stayedInMeeting([sample(1, 1, 1, 2), sample(2, 1, 1, 0)], false)).toBe(false);
    expect(stayedInMeeting([sample(2, 1, 1, 2)], true)).toBe(false);
    // a later action (another profile at t=2) is not blamed on the cut
    expect(stayedInMeeting([sample(1, 1, 1, 2), sample(3, 1, 1, 0)], false, 2)).toBe(true);
  });
});

describe('turn page script', () => {
  it('replaces the ICE servers of every peer connection with the lab TURN server, and parses as JavaScript', () => {
    const script = turnPageScript({ urls: ['turn:10.99.0.4:3478?transport=udp'], username: 'u', credential: 'p', address: '10.99.0.4' });
    expect(() => new Function(script)).not.toThrow();
    const created: unknown[] = [];
    class FakePc {
      constructor(init: unknown) {
        created.push(init);
      }
    }
    const win: Record<string, unknown> = { RTCPeerConnection: FakePc };
    new Function('window', script.replace('const w = window;', 'const w = window;'))(win);
    new (win.RTCPeerConnection as new (i: object) => object)({ iceServers: [{ urls: 'stun:stun.l.google.com:19302' }], bundlePolicy: 'max-bundle' });
    expect(created).toEqual([{ iceServers: [{ urls: ['turn:10.99.0.4:3478?transport=udp'], username: 'u', credential: 'p' }], bundlePolicy: 'max-bundle' }]);
    expect(new (win.RTCPeerConnection as new (i: object) => object)({})).toBeInstanceOf(FakePc);
  });
});
