/**
 * The kernel commands that apply a profile to one participant namespace: pure, so they can be read and
 * unit-tested without root. Uplink is shaped on the egress of the veth end inside the namespace (what the
 * participant sends), downlink on the egress of the host end (what the bridge delivers to it).
 *   rate only           → root tbf
 *   netem parts (+rate) → root netem (delay, jitter, loss) with a tbf child for the rate (the netem recipe)
 *   loss without netem  → nftables random drop, in a table inside the namespace
 *   turn-only firewall  → nftables: UDP only to/from the TURN server, inside the namespace
 * Tables live inside the namespace (so they die with it, also after a SIGKILL) and are named `mb-p<N>-...`.
 */
import type { Direction, NetworkProfile } from './profile-schema.ts';
import type { ShapingFeatures } from './shaping-features.ts';

export interface ShapingTarget {
  index: number;
  namespace: string;
  /** root-namespace end: its egress is the participant's downlink */
  hostVeth: string;
  /** end inside the namespace: its egress is the participant's uplink */
  nsVeth: string;
}

/** one command; `namespace` null runs it in the root namespace */
export interface KernelCommand {
  namespace: string | null;
  cmd: 'tc' | 'nft';
  args: string[];
}

export const shapeTable = (t: Pick<ShapingTarget, 'index'>): string => `mb-p${t.index}-shape`;
export const cutTable = (t: Pick<ShapingTarget, 'index'>): string => `mb-p${t.index}-cut`;

/** tbf parameters: a burst of at least a few full packets, and a queue of 200 ms like a modem's buffer */
export function tbfArgs(rateKbps: number): string[] {
  const bytesPerSecond = (rateKbps * 1000) / 8;
  const burst = Math.max(5000, Math.round(bytesPerSecond / 50));
  return ['tbf', 'rate', `${rateKbps}kbit`, 'burst', String(burst), 'latency', '200ms'];
}

function netemArgs(d: Direction, withLoss: boolean): string[] | null {
  const args: string[] = [];
  if (d.delayMs) args.push('delay', `${d.delayMs}ms`, ...(d.jitterMs ? [`${d.jitterMs}ms`] : []));
  if (withLoss && d.lossPct) args.push('loss', `${d.lossPct}%`);
  return args.length > 0 ? ['netem', ...args] : null;
}

function qdiscCommands(namespace: string | null, dev: string, d: Direction, f: ShapingFeatures): KernelCommand[] {
  const tc = (...args: string[]): KernelCommand => ({ namespace, cmd: 'tc', args });
  const netem = f.netem ? netemArgs(d, true) : null;
  const rate = d.rateKbps !== undefined && f.tbf ? tbfArgs(d.rateKbps) : null;
  if (netem && rate)
    return [tc('qdisc', 'add', 'dev', dev, 'root', 'handle', '1:', ...netem), tc('qdisc', 'add', 'dev', dev, 'parent', '1:1', 'handle', '10:', ...rate)];
  if (netem) return [tc('qdisc', 'add', 'dev', dev, 'root', 'handle', '1:', ...netem)];
  if (rate) return [tc('qdisc', 'add', 'dev', dev, 'root', 'handle', '1:', ...rate)];
  return [];
}

/** nftables' random drop: integer arithmetic, so per ten thousand (0.5 % → 50) */
export const lossRule = (pct: number): string => `meta protocol ip numgen random mod 10000 < ${Math.round(pct * 100)} drop`;

/** the nftables script of the shape table, or null when nothing needs nftables */
export function shapeTableScript(t: ShapingTarget, profile: NetworkProfile, f: ShapingFeatures, turnAddress: string | null): string | null {
  const up: string[] = [];
  const down: string[] = [];
  if (profile.firewall === 'turn-only' && f.nftables) {
    if (!turnAddress) throw new Error('turn-only firewall without a TURN server address');
    up.push(`ip protocol udp ip daddr != ${turnAddress} drop`);
    down.push(`ip protocol udp ip saddr != ${turnAddress} drop`);
  }
  if (!f.netem && f.nftables) {
    if (profile.uplink.lossPct) up.push(lossRule(profile.uplink.lossPct));
    if (profile.downlink.lossPct) down.push(lossRule(profile.downlink.lossPct));
  }
  if (up.length === 0 && down.length === 0) return null;
  return chainsScript(t, shapeTable(t), up, down, 'accept', f);
}

/** a cut: everything dropped both ways on the participant's veth (ARP too: the link is gone) */
export function cutTableScript(t: ShapingTarget, f: ShapingFeatures): string {
  return chainsScript(t, cutTable(t), [], [], 'drop', f);
}

function chainsScript(t: ShapingTarget, table: string, up: string[], down: string[], policy: 'accept' | 'drop', f: ShapingFeatures): string {
  const body = (rules: string[]): string => rules.map((r) => `\n    ${r}`).join('');
  if (f.netdevEgress) {
    // silent drops on the veth itself, like a real link's
    return `table netdev ${table} {
  chain up { type filter hook egress device "${t.nsVeth}" priority 0; policy ${policy};${body(up)}
  }
  chain down { type filter hook ingress device "${t.nsVeth}" priority 0; policy ${policy};${body(down)}
  }
}
`;
  }
  // older kernels: output/input chains (a drop on output makes the sender's send fail instead of vanishing)
  const keepLoopback = policy === 'drop' ? ['oifname "lo" accept'] : [];
  return `table inet ${table} {
  chain up { type filter hook output priority 0; policy ${policy};${body([...keepLoopback, ...up])}
  }
  chain down { type filter hook input priority 0; policy ${policy};${body([...(policy === 'drop' ? ['iifname "lo" accept'] : []), ...down])}
  }
}
`;
}

/** every tc command of the profile (nftables goes through shapeTableScript) */
export function qdiscPlan(t: ShapingTarget, profile: NetworkProfile, f: ShapingFeatures): KernelCommand[] {
  return [...qdiscCommands(t.namespace, t.nsVeth, profile.uplink, f), ...qdiscCommands(null, t.hostVeth, profile.downlink, f)];
}
