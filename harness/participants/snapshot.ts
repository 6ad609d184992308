/** The shape returned by the in-page collector's `snapshot()` (harness/page-scripts/collector.ts). */
export interface PcCounters {
  bytesSent: number;
  bytesReceived: number;
  audioBytesSent: number;
  videoBytesSent: number;
  audioBytesReceived: number;
  videoBytesReceived: number;
  packetsReceived: number;
  packetsLost: number;
  jitterSum: number;
  jitterCount: number;
  rttMs: number | null;
  framesEncoded: number;
  framesDecoded: number;
  frameHeight: number | null;
  freezeCount: number;
  freezeDurationS: number;
  qualityLimitedS: number;
  totalEncodeTimeS: number;
  qualityLimitation: string | null;
  concealedSamples: number;
  totalSamplesReceived: number;
  videoInbound: number;
  candidateType: string | null;
}

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
