/** What a profile becomes on a given kernel: the plan (applied / not applied) and the exact tc and nft commands. */
import { describe, expect, it } from 'vitest';
import { planShaping, describePlan } from '../../../../harness/network/shaping-plan.ts';
import { cutTableScript, lossRule, qdiscPlan, shapeTableScript, tbfArgs } from '../../../../harness/network/shaping-commands.ts';
import type { ShapingFeatures } from '../../../../harness/network/shaping-features.ts';
import { profileSchema } from '../../../../harness/network/profile-schema.ts';

const thisKernel: ShapingFeatures = {
  tbf: true,
  netem: false,
  nftables: true,
  netdevEgress: true,
  why: { netem: 'qdisc netem is missing here (Specified qdisc kind is unknown)' },
};
const fullKernel: ShapingFeatures = { tbf: true, netem: true, nftables: true, netdevEgress: true, why: {} };
const oldKernel: ShapingFeatures = { tbf: true, netem: false, nftables: true, netdevEgress: false, why: { netem: 'no netem' } };
const target = { index: 7, namespace: 'mb-p7', hostVeth: 'mb-p7h', nsVeth: 'mb-p7n' };
const vpn = profileSchema.parse({ uplink: { rateKbps: 1000, delayMs: 30, jitterMs: 5, lossPct: 0.5 }, downlink: { rateKbps: 8000, lossPct: 0.5 } });

describe('planShaping', () => {
  it('without netem: rate by tbf, loss by nftables, delay and jitter not applicable with the reason', () => {
    const plan = planShaping(vpn, thisKernel);
    expect(plan.applied).toEqual([
      'uplink rate 1 Mbit/s (tbf)',
      'uplink loss 0.5 % (nftables)',
      'downlink rate 8 Mbit/s (tbf)',
      'downlink loss 0.5 % (nftables)',
    ]);
    expect(plan.notApplied).toEqual([
      'uplink delay 30 ms: delay needs netem: qdisc netem is missing here (Specified qdisc kind is unknown)',
      'uplink jitter 5 ms: jitter needs netem: qdisc netem is missing here (Specified qdisc kind is unknown)',
    ]);
    expect(describePlan('vpn', plan)).toMatch(/^vpn: PARTIAL, not applicable here: uplink delay 30 ms/);
  });

  it('with netem: everything applies, loss through netem', () => {
    const plan = planShaping(vpn, fullKernel);
    expect(plan.notApplied).toEqual([]);
    expect(plan.applied).toContain('uplink loss 0.5 % (netem)');
    expect(describePlan('vpn', plan)).toMatch(/^vpn: applied in full/);
  });

  it('the LAN profile has nothing to shape; turn-only needs nftables', () => {
    expect(planShaping(profileSchema.parse({}), thisKernel).parts).toEqual([]);
    const turn = planShaping(profileSchema.parse({ firewall: 'turn-only' }), { ...thisKernel, nftables: false, why: { nftables: 'no nft' } });
    expect(turn.notApplied).toEqual(['firewall turn-only (UDP only to the TURN server): no nft']);
  });
});

describe('shaping commands', () => {
  it('rate only: tbf at the root of each direction, uplink inside the namespace, downlink on the host end', () => {
    const cmds = qdiscPlan(target, profileSchema.parse({ uplink: { rateKbps: 300 }, downlink: { rateKbps: 1500 } }), thisKernel);
    expect(cmds).toEqual([
      { namespace: 'mb-p7', cmd: 'tc', args: ['qdisc', 'add', 'dev', 'mb-p7n', 'root', 'handle', '1:', ...tbfArgs(300)] },
      { namespace: null, cmd: 'tc', args: ['qdisc', 'add', 'dev', 'mb-p7h', 'root', 'handle', '1:', ...tbfArgs(1500)] },
    ]);
    // a burst of at least a few full-size packets, whatever the rate
    expect(tbfArgs(300)).toEqual(['tbf', 'rate', '300kbit', 'burst', '5000', 'latency', '200ms']);
    expect(tbfArgs(100_000)[4]).toBe('250000');
  });

  it('with netem: netem at the root (delay, jitter, loss) and the tbf as its child', () => {
    const cmds = qdiscPlan(target, vpn, fullKernel);
    expect(cmds[0]!.args).toEqual(['qdisc', 'add', 'dev', 'mb-p7n', 'root', 'handle', '1:', 'netem', 'delay', '30ms', '5ms', 'loss', '0.5%']);
    expect(cmds[1]!.args).toEqual(['qdisc', 'add', 'dev', 'mb-p7n', 'parent', '1:1', 'handle', '10:', ...tbfArgs(1000)]);
    expect(shapeTableScript(target, vpn, fullKernel, null)).toBeNull();
  });

  it('without netem: delay is left out of tc and loss goes to an nftables table inside the namespace', () => {
    const cmds = qdiscPlan(target, vpn, thisKernel);
    expect(cmds.map((c) => c.args.join(' ')).join('\n')).not.toMatch(/netem/);
    const script = shapeTableScript(target, vpn, thisKernel, null)!;
    expect(script).toMatch(/^table netdev mb-p7-shape \{/);
    expect(script).toMatch(/chain up \{ type filter hook egress device "mb-p7n"[^}]*numgen random mod 10000 < 50 drop/);
    expect(script).toMatch(/chain down \{ type filter hook ingress device "mb-p7n"[^}]*numgen random mod 10000 < 50 drop/);
    expect(lossRule(5)).toBe('meta protocol ip numgen random mod 10000 < 500 drop');
  });

  it('turn-only: UDP only to and from the TURN server; a cut drops everything; older kernels use output/input', () => {
    const turn = profileSchema.parse({ firewall: 'turn-only' });
    const script = shapeTableScript(target, turn, thisKernel, '10.99.0.4')!;
    expect(script).toContain('ip protocol udp ip daddr != 10.99.0.4 drop');
    expect(script).toContain('ip protocol udp ip saddr != 10.99.0.4 drop');
    expect(() => shapeTableScript(target, turn, thisKernel, null)).toThrow(/TURN server address/);
    expect(cutTableScript(target, thisKernel)).toMatch(/table netdev mb-p7-cut[\s\S]*policy drop;[\s\S]*policy drop;/);
    const old = cutTableScript(target, oldKernel);
    expect(old).toMatch(/^table inet mb-p7-cut/);
    expect(old).toContain('oifname "lo" accept');
  });
});

describe('profile schema', () => {
  it('refuses jitter without delay and unknown fields', () => {
    expect(profileSchema.safeParse({ uplink: { jitterMs: 5 } }).success).toBe(false);
    expect(profileSchema.safeParse({ uplink: { rate: 5 } }).success).toBe(false);
    expect(profileSchema.safeParse({ downlink: { lossPct: 101 } }).success).toBe(false);
  });
});
