/**
 * Recovery after a cut, from a participant's per-second samples (pure). Media flows again when, in one
 * 1-s sample, the participant receives (getStats downlink) and, for a sender, its packets reach the
 * bridge again (kernel uplink of its veth; getStats' uplink keeps counting during a cut because the
 * browser believes it sent). Resolution: one sample, so recoveryS is an upper bound within 1 s.
 */
import type { Sample } from '../../results/run-record.ts';

/** more than RTCP and ICE consent checks, less than the thinnest audio stream (Opus ~30 kbit/s with headers) */
export const MIN_FLOW_KBPS = 16;

export function mediaFlows(sample: Sample, role: 'sender' | 'receiver'): boolean {
  const down = (sample.downlinkKbps ?? 0) > MIN_FLOW_KBPS;
  if (role === 'receiver') return down;
  const up = sample.kernelUplinkPayloadKbps ?? sample.kernelUplinkKbps ?? sample.uplinkKbps ?? 0;
  return down && up > MIN_FLOW_KBPS;
}

/** seconds from the end of the cut to the end of the first sample with media in both directions, or null */
export function recoveryAfterCut(samples: Sample[], cutEndS: number, role: 'sender' | 'receiver'): number | null {
  const first = samples
    .filter((s) => s.t > cutEndS)
    .sort((a, b) => a.t - b.t)
    .find((s) => mediaFlows(s, role));
  return first ? first.t - cutEndS : null;
}

/**
 * Still in the meeting after the cut: the browser alive and, in the last sample before `untilS` (the next
 * timeline action on this participant, or the end of the window), a peer connection connected. A later
 * action (a harsher profile) must not be blamed on this cut.
 */
export function stayedInMeeting(samples: Sample[], crashed: boolean, untilS = Number.POSITIVE_INFINITY): boolean {
  const before = samples.filter((s) => s.t <= untilS);
  if (crashed || before.length === 0) return false;
  const last = before.reduce((a, b) => (b.t > a.t ? b : a));
  return (last.connectedPcs ?? 0) > 0;
}
