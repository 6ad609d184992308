/** The shape returned by the in-page collector's `snapshot()` (harness/page-scripts/collector.ts). */
import type { PcCounters } from '../page-scripts/collector-types.ts';

export type { PcCounters };

export interface CollectorSnapshot {
  /** ms since navigation start */
  at: number;
  pcs: Array<{ id: number; connected: boolean; closed: boolean; counters: PcCounters | null }>;
}

export interface CollectorMarks {
  pageLoad?: number;
  uiReady?: number;
  joinAction?: number;
  getUserMedia?: number;
  remoteDescription?: number;
  iceConnected?: number;
  firstOutbound?: number;
  firstRemoteFrame?: number;
  joinedSignal?: number;
}
