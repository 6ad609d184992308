/**
 * The trial's `browsers` list: each shared or remote browser with its participants and, for a shared
 * browser in a lab namespace, the group's kernel rates over the measurement window (a namespace is per
 * process, so in shared mode the kernel sees the group, never one participant).
 */
import type { PoolBrowserInfo } from './browser-pool.ts';

type Reading = { uplinkBytes: number; downlinkBytes: number; uplinkPackets: number; downlinkPackets: number; at: number };
type Rates = (before: Reading, after: Reading) => { up: number; down: number };

export interface PoolBrowserRecord {
  id: string;
  kind: PoolBrowserInfo['kind'];
  participants: string[];
  namespace: string | null;
  kernel: { uplinkKbps: number | null; downlinkKbps: number | null } | null;
  renderers?: number | null;
}

export function poolBrowsers(
  infos: PoolBrowserInfo[],
  counters: { start: Map<string, Reading>; end: Map<string, Reading> } | null,
  rates: Rates,
): PoolBrowserRecord[] {
  return infos.map((info) => {
    const before = counters?.start.get(info.id);
    const after = counters?.end.get(info.id);
    const kernel = before && after && after.at > before.at ? rates(before, after) : null;
    return {
      id: info.id,
      kind: info.kind,
      participants: [...info.participants],
      namespace: info.namespace,
      kernel: kernel ? { uplinkKbps: kernel.up, downlinkKbps: kernel.down } : null,
      ...(info.renderers !== undefined ? { renderers: info.renderers } : {}),
    };
  });
}
