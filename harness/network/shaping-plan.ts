/**
 * Which parts of a profile this machine can apply, and with what: pure, from the profile and the probed
 * features. Rate → tbf; delay and jitter → netem; loss → netem, else nftables' random drop; the turn-only
 * firewall → nftables. The run plan prints it, the runner refuses a profile with parts not applicable
 * (unless the scenario accepts partial shaping), and the report lists what was and was not applied.
 */
import type { Direction, NetworkProfile } from './profile-schema.ts';
import type { ShapingFeatures } from './shaping-features.ts';

export type Mechanism = 'tbf' | 'netem' | 'nftables';

export interface ShapingPart {
  /** human wording, e.g. "uplink rate 300 kbit/s" */
  label: string;
  direction: 'uplink' | 'downlink' | 'both';
  kind: 'rate' | 'delay' | 'jitter' | 'loss' | 'firewall';
  /** how it is applied here, or null when it cannot be */
  mechanism: Mechanism | null;
  /** why it cannot be applied */
  reason?: string;
}

export interface ShapingPlan {
  parts: ShapingPart[];
  /** labels of parts that will be applied, with their mechanism */
  applied: string[];
  /** labels of parts that cannot be applied, with the reason */
  notApplied: string[];
  /** loss of one direction goes through netem (together with delay) rather than nftables */
  lossByNetem: boolean;
}

const fmtRate = (kbps: number): string => (kbps >= 1000 ? `${Math.round(kbps / 100) / 10} Mbit/s` : `${kbps} kbit/s`);

function directionParts(direction: 'uplink' | 'downlink', d: Direction, f: ShapingFeatures): ShapingPart[] {
  const parts: ShapingPart[] = [];
  const missing = (what: string): string => f.why[what] ?? `${what} is missing here`;
  if (d.rateKbps !== undefined) {
    parts.push({
      label: `${direction} rate ${fmtRate(d.rateKbps)}`,
      direction,
      kind: 'rate',
      mechanism: f.tbf ? 'tbf' : null,
      ...(f.tbf ? {} : { reason: missing('tbf') }),
    });
  }
  if (d.delayMs) {
    parts.push({
      label: `${direction} delay ${d.delayMs} ms`,
      direction,
      kind: 'delay',
      mechanism: f.netem ? 'netem' : null,
      ...(f.netem ? {} : { reason: `delay needs netem: ${missing('netem')}` }),
    });
  }
  if (d.jitterMs) {
    parts.push({
      label: `${direction} jitter ${d.jitterMs} ms`,
      direction,
      kind: 'jitter',
      mechanism: f.netem ? 'netem' : null,
      ...(f.netem ? {} : { reason: `jitter needs netem: ${missing('netem')}` }),
    });
  }
  if (d.lossPct) {
    const mechanism: Mechanism | null = f.netem ? 'netem' : f.nftables ? 'nftables' : null;
    parts.push({
      label: `${direction} loss ${d.lossPct} %`,
      direction,
      kind: 'loss',
      mechanism,
      ...(mechanism ? {} : { reason: `loss needs netem or nftables: ${missing('netem')}, ${missing('nftables')}` }),
    });
  }
  return parts;
}

export function planShaping(profile: NetworkProfile, features: ShapingFeatures): ShapingPlan {
  const parts = [...directionParts('uplink', profile.uplink, features), ...directionParts('downlink', profile.downlink, features)];
  if (profile.firewall === 'turn-only') {
    parts.push({
      label: 'firewall turn-only (UDP only to the TURN server)',
      direction: 'both',
      kind: 'firewall',
      mechanism: features.nftables ? 'nftables' : null,
      ...(features.nftables ? {} : { reason: features.why.nftables ?? 'nftables is not available' }),
    });
  }
  return {
    parts,
    applied: parts.filter((p) => p.mechanism).map((p) => `${p.label} (${p.mechanism})`),
    notApplied: parts.filter((p) => !p.mechanism).map((p) => `${p.label}: ${p.reason}`),
    lossByNetem: features.netem,
  };
}

/** One line for the run plan and doctor: "full" or what is missing. */
export function describePlan(name: string, plan: ShapingPlan): string {
  if (plan.parts.length === 0) return `${name}: nothing to shape`;
  if (plan.notApplied.length === 0) return `${name}: applied in full (${plan.applied.join(', ')})`;
  return `${name}: PARTIAL, not applicable here: ${plan.notApplied.join('; ')}${plan.applied.length > 0 ? `; applicable: ${plan.applied.join(', ')}` : ''}`;
}
