/**
 * Cumulative counters of one peer connection, as the in-page collector reads them from getStats.
 * Shared by the page script (bundled into it by harness/participants/page-script.ts) and the Node side
 * (harness/participants/snapshot.ts, sample-rates.ts). No imports: it runs in the page too.
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

/** Counters of a connection that has carried nothing yet. */
export function zeroCounters(): PcCounters {
  return {
    bytesSent: 0,
    bytesReceived: 0,
    audioBytesSent: 0,
    videoBytesSent: 0,
    audioBytesReceived: 0,
    videoBytesReceived: 0,
    packetsReceived: 0,
    packetsLost: 0,
    jitterSum: 0,
    jitterCount: 0,
    rttMs: null,
    framesEncoded: 0,
    framesDecoded: 0,
    frameHeight: null,
    freezeCount: 0,
    freezeDurationS: 0,
    qualityLimitedS: 0,
    totalEncodeTimeS: 0,
    qualityLimitation: null,
    concealedSamples: 0,
    totalSamplesReceived: 0,
    videoInbound: 0,
    candidateType: null,
  };
}
