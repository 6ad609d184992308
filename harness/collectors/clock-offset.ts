/**
 * A remote browser's clock against the runner's, as NTP estimates it: the page's time read in the middle
 * of a DevTools round trip, offset = page time − (sent + answered) / 2, known within half the round trip.
 * The best of a few round trips (the shortest) is kept. Browsers on the runner share its clock and need
 * none of this. Latencies between a remote browser and another are corrected by the offsets, or left
 * without a value when the offsets are not known well enough (results/quality/quality-context.ts).
 */
import type { Page } from 'puppeteer-core';
import type { ClockOffset } from '../../results/quality/observations.ts';

const ROUND_TRIPS = 8;
const runnerNow = (): number => performance.timeOrigin + performance.now();

export async function estimateClockOffset(page: Page): Promise<ClockOffset | null> {
  let best: ClockOffset | null = null;
  for (let i = 0; i < ROUND_TRIPS; i += 1) {
    const sent = runnerNow();
    const pageTime = await page.evaluate(() => performance.timeOrigin + performance.now()).catch(() => null);
    const answered = runnerNow();
    if (pageTime === null) continue;
    const estimate = { offsetMs: pageTime - (sent + answered) / 2, uncertaintyMs: (answered - sent) / 2 };
    if (!best || estimate.uncertaintyMs < best.uncertaintyMs) best = estimate;
  }
  return best;
}

/** two estimates (window start and end) as one: their mean, as uncertain as the worse plus half their drift */
export function combineOffsets(a: ClockOffset | null, b: ClockOffset | null): ClockOffset | null {
  if (!a || !b) return a ?? b;
  return { offsetMs: (a.offsetMs + b.offsetMs) / 2, uncertaintyMs: Math.max(a.uncertaintyMs, b.uncertaintyMs) + Math.abs(a.offsetMs - b.offsetMs) / 2 };
}

/** a browser the runner started shares its clock; CDP endpoints and Grid nodes may be other machines */
export const isRemote = (where: string | null): boolean => where !== null && /^(cdp|grid)-/.test(where);
