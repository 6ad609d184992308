/**
 * Cumulative counters of one peer connection, as the in-page collector reads them from getStats.
 * Types only: shared by the page script and the Node side (harness/participants/snapshot.ts).
 */
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
