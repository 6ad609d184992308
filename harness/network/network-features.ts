/**
 * What this kernel can do for network profiles, found by trying rather than by reading config: a throwaway
 * namespace `mb-probe-<pid>` with a veth pair inside gets each qdisc (tbf, htb, netem) added and removed,
 * and an nftables table with the random-drop rule used for loss. Everything dies with the namespace.
 * Used by `doctor`, and by shaping to say clearly when a profile cannot be applied (netem is missing on
 * some kernels: delay and jitter then cannot be emulated).
 */
import { run, tryRunSync } from '../system/exec.ts';
import { removeNamespaceSync } from '../lab/index.ts';

export interface FeatureResult {
  ok: boolean;
  detail: string;
}

export interface NetworkFeatures {
  namespaces: FeatureResult;
  qdiscs: Record<'tbf' | 'htb' | 'netem', FeatureResult>;
  nftables: FeatureResult;
}

const QDISC_ARGS: Record<'tbf' | 'htb' | 'netem', string[]> = {
  tbf: ['tbf', 'rate', '1mbit', 'burst', '32kbit', 'latency', '400ms'],
  htb: ['handle', '1:', 'htb', 'default', '10'],
  netem: ['netem', 'delay', '20ms', '5ms'],
};

async function attempt(fn: () => Promise<unknown>, okDetail: string): Promise<FeatureResult> {
  try {
    await fn();
    return { ok: true, detail: okDetail };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, detail: message.split(': ').slice(-1)[0]?.trim() || message };
  }
}

export async function probeNetworkFeatures(): Promise<NetworkFeatures> {
  const ns = `mb-probe-${process.pid}`.slice(0, 32);
  const unavailable = (why: string): FeatureResult => ({ ok: false, detail: why });
  try {
    const namespaces = await attempt(async () => {
      await run('ip', ['netns', 'add', ns]);
      await run('ip', ['-n', ns, 'link', 'add', 'mb-pa', 'type', 'veth', 'peer', 'name', 'mb-pb']);
      await run('ip', ['-n', ns, 'link', 'set', 'mb-pa', 'up']);
    }, 'namespace and veth pair created and removed');
    if (!namespaces.ok) {
      const why = `no namespace to try in (${namespaces.detail})`;
      return { namespaces, qdiscs: { tbf: unavailable(why), htb: unavailable(why), netem: unavailable(why) }, nftables: unavailable(why) };
    }
    const qdiscs = {} as NetworkFeatures['qdiscs'];
    for (const kind of ['tbf', 'htb', 'netem'] as const) {
      qdiscs[kind] = await attempt(async () => {
        await run('tc', ['-n', ns, 'qdisc', 'add', 'dev', 'mb-pa', 'root', ...QDISC_ARGS[kind]]);
        await run('tc', ['-n', ns, 'qdisc', 'del', 'dev', 'mb-pa', 'root']);
      }, 'added and removed on a veth');
    }
    const nftables = await attempt(async () => {
      const nft = (...args: string[]): Promise<string> => run('ip', ['netns', 'exec', ns, 'nft', ...args]);
      await nft('add', 'table', 'inet', 'mb-probe');
      await nft('add', 'chain', 'inet', 'mb-probe', 'out', '{ type filter hook output priority 0 ; }');
      // the rule shaping uses for random loss (docs/architecture.md "Measured on these machines")
      await nft('add', 'rule', 'inet', 'mb-probe', 'out', 'udp', 'dport', '1-65535', 'numgen', 'random', 'mod', '100', '<', '5', 'drop');
      await nft('delete', 'table', 'inet', 'mb-probe');
    }, 'table with a random-drop rule added and removed');
    return { namespaces, qdiscs, nftables };
  } finally {
    removeNamespaceSync(ns);
    tryRunSync('ip', ['netns', 'delete', ns]);
  }
}
