/**
 * What this machine can apply, for shaping decisions: the lab's feature probe (tbf, htb, netem, nftables,
 * tried in a throwaway namespace) plus one more try of our own, the nftables `netdev` egress hook. Drops
 * there are silent, like a real network's (an `output` chain drop instead makes the sender's sendmsg fail
 * with EPERM, which a real network never does). Probed once per process: the kernel does not change under us.
 */
import { run, tryRunSync } from '../system/exec.ts';
import { removeNamespaceSync } from '../lab/index.ts';
import { probeNetworkFeatures } from './network-features.ts';

export interface ShapingFeatures {
  tbf: boolean;
  netem: boolean;
  nftables: boolean;
  /** nftables netdev ingress+egress hooks (kernel 5.16+): silent drops on the namespace's veth */
  netdevEgress: boolean;
  /** why each missing one is missing, for messages */
  why: Record<string, string>;
}

let cached: Promise<ShapingFeatures> | null = null;

const tidy = (detail: string): string => detail.trim().replace(/\.$/, '');

async function probeNetdevEgress(): Promise<boolean> {
  const ns = `mb-probe-e${process.pid}`.slice(0, 32);
  try {
    await run('ip', ['netns', 'add', ns]);
    await run('ip', ['-n', ns, 'link', 'add', 'mb-pa', 'type', 'veth', 'peer', 'name', 'mb-pb']);
    await run('ip', [
      'netns',
      'exec',
      ns,
      'nft',
      'add table netdev mb-probe; add chain netdev mb-probe out { type filter hook egress device "mb-pa" priority 0 ; }',
    ]);
    return true;
  } catch {
    return false;
  } finally {
    removeNamespaceSync(ns);
    tryRunSync('ip', ['netns', 'delete', ns]);
  }
}

export function shapingFeatures(): Promise<ShapingFeatures> {
  cached ??= (async () => {
    const f = await probeNetworkFeatures();
    const netdevEgress = f.nftables.ok ? await probeNetdevEgress() : false;
    const why: Record<string, string> = {};
    if (!f.qdiscs.tbf.ok) why.tbf = `qdisc tbf is missing here (${tidy(f.qdiscs.tbf.detail)})`;
    if (!f.qdiscs.netem.ok) why.netem = `qdisc netem is missing here (${tidy(f.qdiscs.netem.detail)})`;
    if (!f.nftables.ok) why.nftables = `nftables is missing here (${tidy(f.nftables.detail)})`;
    return { tbf: f.qdiscs.tbf.ok, netem: f.qdiscs.netem.ok, nftables: f.nftables.ok, netdevEgress, why };
  })();
  return cached;
}
