/**
 * Bandwidth planning: the link capacity a site needs for N simultaneous meetings of size k, and what goes
 * through the VPN concentrator, projected from measured per-participant rates. Pure functions; every
 * assumption is returned beside the figures so a reader sees what the number rests on.
 *
 * Model (an SFU, as every platform evaluated here): a participant sends its own streams once (uplink about
 * constant with k) and receives the k-1 others (downlink about (k-1) × one stream). A meeting size that
 * was measured is used as measured; another is scaled from the nearest measured size with that model.
 */
import type { MeasuredSize } from './measured-rates.ts';

export interface PlanRequest {
  /** simultaneous meetings */
  meetings: number;
  /** participants per meeting */
  size: number;
  /** share of the participants that are on the site's link (default 1: everybody on site, the SFU outside) */
  onSiteShare?: number;
  /** share of the participants that go through the VPN concentrator (default 0) */
  vpnShare?: number;
  /** VPN encapsulation overhead, percent (default 10: IPsec ESP or WireGuard on ~1000-byte media packets) */
  vpnOverheadPct?: number;
  /** IP/UDP header overhead added to getStats figures, percent (default 8: kernel vs getStats in the lab) */
  headerOverheadPct?: number;
  /** headroom for peaks (key frames, joins, screen share), percent (default 30) */
  headroomPct?: number;
}

export interface BandwidthPlan {
  request: Required<PlanRequest>;
  perParticipant: { uplinkKbps: number; downlinkKbps: number; basis: string };
  participants: number;
  site: { uplinkMbps: number; downlinkMbps: number };
  vpn: { participants: number; uplinkMbps: number; downlinkMbps: number; throughputMbps: number } | null;
  assumptions: string[];
}

const DEFAULTS = { onSiteShare: 1, vpnShare: 0, vpnOverheadPct: 10, headerOverheadPct: 8, headroomPct: 30 };

const mbps = (kbps: number): number => Math.round(kbps / 100) / 10;

/** the measured size closest to k (the larger one on a tie) */
function nearestSize(measured: readonly MeasuredSize[], k: number): MeasuredSize | undefined {
  return [...measured].sort((a, b) => Math.abs(a.k - k) - Math.abs(b.k - k) || b.k - a.k)[0];
}

/** per-participant rates at size k, on the wire (headers included), and how they were obtained */
export function ratesAt(
  measured: readonly MeasuredSize[],
  k: number,
  headerOverheadPct = DEFAULTS.headerOverheadPct,
): { uplinkKbps: number; downlinkKbps: number; basis: string } {
  if (measured.length === 0) throw new RangeError('no measured meeting size to project from');
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`a meeting has at least 2 participants (got ${k})`);
  const nearest = nearestSize(measured, k) as MeasuredSize;
  const wire = nearest.source === 'kernel' ? 1 : 1 + headerOverheadPct / 100;
  const headers = nearest.source === 'kernel' ? 'kernel counters, headers included' : `getStats + ${headerOverheadPct} % headers`;
  if (nearest.k === k) {
    return { uplinkKbps: round(nearest.uplinkKbps * wire), downlinkKbps: round(nearest.downlinkKbps * wire), basis: `measured at k=${k} (${headers})` };
  }
  // the SFU model: downlink per remote stream from the nearest size, uplink unchanged
  const perStream = nearest.k > 1 ? nearest.downlinkKbps / (nearest.k - 1) : nearest.uplinkKbps;
  return {
    uplinkKbps: round(nearest.uplinkKbps * wire),
    downlinkKbps: round(perStream * (k - 1) * wire),
    basis: `scaled from k=${nearest.k} to k=${k}: uplink kept, downlink ${round(perStream)} kbit/s per remote participant (${headers})`,
  };
}

const round = (v: number): number => Math.round(v * 10) / 10;

export function projectBandwidth(measured: readonly MeasuredSize[], request: PlanRequest): BandwidthPlan {
  const r = { ...DEFAULTS, ...request };
  if (!Number.isInteger(r.meetings) || r.meetings < 1) throw new RangeError(`meetings must be a positive integer (got ${r.meetings})`);
  for (const [name, share] of [
    ['onSiteShare', r.onSiteShare],
    ['vpnShare', r.vpnShare],
  ] as const) {
    if (!(share >= 0 && share <= 1)) throw new RangeError(`${name} must be between 0 and 1 (got ${share})`);
  }
  const rates = ratesAt(measured, r.size, r.headerOverheadPct);
  const participants = r.meetings * r.size;
  const peak = 1 + r.headroomPct / 100;
  const onSite = participants * r.onSiteShare;
  const vpnCount = participants * r.vpnShare;
  const vpnWire = 1 + r.vpnOverheadPct / 100;
  const vpnUp = vpnCount * rates.uplinkKbps * vpnWire * peak;
  const vpnDown = vpnCount * rates.downlinkKbps * vpnWire * peak;
  return {
    request: r,
    perParticipant: rates,
    participants,
    site: { uplinkMbps: mbps(onSite * rates.uplinkKbps * peak), downlinkMbps: mbps(onSite * rates.downlinkKbps * peak) },
    vpn: vpnCount > 0 ? { participants: vpnCount, uplinkMbps: mbps(vpnUp), downlinkMbps: mbps(vpnDown), throughputMbps: mbps(vpnUp + vpnDown) } : null,
    assumptions: [
      "the media server (SFU) is outside the site: every on-site participant sends its streams out once and receives the others' in",
      `per-participant rates: ${rates.basis}`,
      "participants keep the media profile of the measurement (resolution, frame rate, the platform's bitrate caps); screen sharing, recording and simulcast layers add to it",
      `${Math.round(r.onSiteShare * 100)} % of the participants are on the site's link${r.vpnShare > 0 ? `, ${Math.round(r.vpnShare * 100)} % through the VPN concentrator` : ''}`,
      `${r.headroomPct} % headroom for peaks (key frames, joins, bitrate probing)`,
      ...(r.vpnShare > 0
        ? [`VPN encapsulation adds ${r.vpnOverheadPct} %; the concentrator carries both directions of its users (throughput = up + down)`]
        : []),
      ...audioAssumption(measured, r.size),
      'signalling, web pages and TURN relaying of participants outside the site are not counted',
    ],
  };
}

/** what the measured audio stands for: the fake device's beeps understate a talker, a generated tone is one who never stops */
function audioAssumption(measured: readonly MeasuredSize[], k: number): string[] {
  switch (nearestSize(measured, k)?.microphone) {
    case 'device':
      return [
        "audio as Chromium's fake microphone sends it (short beeps, about 24 kbit/s with Opus): participants who talk send more, up to the encoder's target rate",
      ];
    case 'generated':
      return [
        "audio from a tone generated in the page: every participant talks all the time, at the encoder's target rate (about 32 kbit/s with Opus), an upper bound for audio",
      ];
    case 'mixed':
      return [
        "audio measured partly with Chromium's fake microphone (short beeps) and partly with a generated tone (always talking, as remote browsers send): see each trial's media",
      ];
    default:
      return [];
  }
}
