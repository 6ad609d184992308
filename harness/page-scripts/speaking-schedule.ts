/**
 * Who talks when (`participants.media.speaking`), as a pure function of the wall clock, so every
 * participant's page agrees without talking to the others, and the runner can say afterwards what each
 * one was meant to do in any second. Time is counted from one epoch shared by the trial's pages.
 *
 * - always: every sender talks all the time (the generated tone, or the fake device's beeps);
 * - turns: `speakers` senders at a time take turns of `turnMs`, in participant order, as in a meeting
 *   where one person speaks after another;
 * - share: in every slot of `burstMs`, each sender talks with probability `share`, drawn from a seeded
 *   hash of its index and the slot: on average share × senders talk at once, sometimes over each other.
 *
 * No imports: bundled into the page, and read by the runner (harness/collectors/media-sources.ts).
 */

export interface SpeakingSchedule {
  pattern: 'always' | 'turns' | 'share';
  /** turns: how long one turn lasts */
  turnMs: number;
  /** turns: how many talk at once */
  speakers: number;
  /** share: the probability that a sender talks in a slot */
  share: number;
  /** share: how long one slot (a burst of talk or of silence) lasts */
  burstMs: number;
  /** share: the same seed gives the same conversation */
  seed: number;
}

const mod = (a: number, n: number): number => ((a % n) + n) % n;

/** Murmur3's 32-bit finaliser: every input bit moves every output bit */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** a hash of three integers, mapped to [0, 1) */
export function unitHash(seed: number, a: number, b: number): number {
  return mix(mix(mix(seed) ^ a) ^ b) / 4_294_967_296;
}

/** whether sender `sender` (0-based, of `senders`) talks at `ms` after the epoch */
export function speakingAt(schedule: SpeakingSchedule, sender: number, senders: number, ms: number): boolean {
  if (schedule.pattern === 'always' || senders <= 0) return true;
  if (schedule.pattern === 'turns') {
    const slot = Math.floor(ms / schedule.turnMs);
    const first = mod(slot * schedule.speakers, senders);
    return mod(sender - first, senders) < Math.min(schedule.speakers, senders);
  }
  const slot = Math.floor(ms / schedule.burstMs);
  return unitHash(schedule.seed, sender, slot) < schedule.share;
}

/** the share of [fromMs, toMs) in which the sender talks, read every 50 ms (the gate's own step) */
export function speakingShare(schedule: SpeakingSchedule, sender: number, senders: number, fromMs: number, toMs: number): number {
  const step = 50;
  let talking = 0;
  let total = 0;
  for (let ms = fromMs; ms < toMs; ms += step) {
    total += 1;
    if (speakingAt(schedule, sender, senders, ms)) talking += 1;
  }
  return total === 0 ? 0 : talking / total;
}

/** a scenario's `participants.media.speaking`, as written (the schema's defaults applied) */
export type SpeakingSpec =
  'always' | 'turns' | { pattern: 'turns'; turnS: number; speakers: number } | { pattern: 'share'; share: number; burstS: number; seed: number };

const DEFAULT_TURN_S = 5;

/** the schedule a spec stands for (`turns` alone: one speaker at a time, turns of 5 s) */
export function scheduleOf(spec: SpeakingSpec): SpeakingSchedule {
  const base: SpeakingSchedule = { pattern: 'always', turnMs: DEFAULT_TURN_S * 1000, speakers: 1, share: 1, burstMs: 4000, seed: 1 };
  if (spec === 'always') return base;
  if (spec === 'turns') return { ...base, pattern: 'turns' };
  if (spec.pattern === 'turns') return { ...base, pattern: 'turns', turnMs: spec.turnS * 1000, speakers: spec.speakers };
  return { ...base, pattern: 'share', share: spec.share, burstMs: spec.burstS * 1000, seed: spec.seed };
}
