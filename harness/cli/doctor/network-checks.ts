/** What the kernel lets the lab do: namespaces, rate limits, delay, random loss, and so which network profiles apply. */
import { isRoot } from '../../lab/index.ts';
import { probeNetworkFeatures, type NetworkFeatures } from '../../network/network-features.ts';
import { profilesReport } from '../../network/profiles-report.ts';
import { needsRoot, type CheckResult, type DoctorCheck } from './doctor-check.ts';

export function networkChecks(): DoctorCheck[] {
  // one throwaway namespace answers five rows; probe it once
  let features: Promise<NetworkFeatures> | null = null;
  const network = (): Promise<NetworkFeatures> => (features ??= probeNetworkFeatures());
  const feature = (pick: (f: NetworkFeatures) => { ok: boolean; detail: string }, hint: string) => async (): Promise<CheckResult> => {
    if (!isRoot()) return needsRoot;
    const r = pick(await network());
    return r.ok ? { status: 'ok', detail: r.detail } : { status: 'unavailable', detail: r.detail, hint };
  };
  return [
    { label: 'ip netns (namespaces, veth)', required: false, check: feature((f) => f.namespaces, 'needs iproute2 and a kernel with network namespaces') },
    { label: 'qdisc tbf (rate limit)', required: false, check: feature((f) => f.qdiscs.tbf, 'kernel module sch_tbf') },
    { label: 'qdisc htb (rate limit)', required: false, check: feature((f) => f.qdiscs.htb, 'kernel module sch_htb') },
    {
      label: 'qdisc netem (delay, jitter)',
      required: false,
      check: feature((f) => f.qdiscs.netem, 'kernel module sch_netem: without it, profiles with delay or jitter cannot be applied'),
    },
    { label: 'nftables (random loss)', required: false, check: feature((f) => f.nftables, 'apt-get install -y nftables; loss profiles need it') },
    { label: 'network profiles', required: false, check: async () => (isRoot() ? profilesReport() : needsRoot) },
  ];
}
