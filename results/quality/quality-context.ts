/**
 * Who a receiver should see and how far their clocks can be trusted: the senders of its room (by
 * participant index, with what they send), and each browser's clock against the runner's. Browsers on the
 * runner share its clock exactly; remote browsers (CDP, Selenium Grid) have a measured offset, or none.
 */
import type { ClockOffset } from './observations.ts';

/** beyond this (sender's and receiver's together), a latency could be off by more than a frame at 60 fps */
export const MAX_CLOCK_UNCERTAINTY_MS = 15;

export interface ExpectedSender {
  index: number;
  name: string;
  /** its frames carry stamps (camera generated in the page) */
  stampedVideo: boolean;
  /** its audio carries markers (microphone generated in the page) */
  markedAudio: boolean;
  /** null: a remote browser whose clock could not be measured */
  clock: ClockOffset | null;
  /** where its browser runs, for the reasons: local, shared-N, cdp-N, grid-N */
  where: string;
}

export interface QualityContext {
  receiver: { name: string; clock: ClockOffset | null; where: string };
  senders: ExpectedSender[];
  durationS: number;
  /** false with runner.playAudio: false (remote audio is not played, so no marker can be heard) */
  audioPlayed: boolean;
  /** the receiver's mean round-trip time over the window, for the E-model when no marker gave a delay */
  rttMs: number | null;
}

/** the correction to add to a latency measured from `sender`'s stamp to `receiver`'s clock, or why there is none */
export function clockCorrection(sender: ExpectedSender, receiver: QualityContext['receiver']): { ms: number } | { why: string } {
  const unknown = [sender.clock ? null : `${sender.name} (${sender.where})`, receiver.clock ? null : `${receiver.name} (${receiver.where})`].filter(Boolean);
  if (unknown.length > 0)
    return { why: `clock offset of ${unknown.join(' and ')} unknown: a remote browser's clock could not be measured against the runner's` };
  const s = sender.clock as ClockOffset;
  const r = receiver.clock as ClockOffset;
  const uncertainty = s.uncertaintyMs + r.uncertaintyMs;
  if (uncertainty > MAX_CLOCK_UNCERTAINTY_MS) {
    return {
      why: `clock offsets of ${sender.name} and ${receiver.name} known only within ±${Math.round(uncertainty)} ms (limit ${MAX_CLOCK_UNCERTAINTY_MS} ms)`,
    };
  }
  // measured = true + (receiver offset − sender offset)
  return { ms: s.offsetMs - r.offsetMs };
}
