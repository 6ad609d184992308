/**
 * The runner's own verdict of a trial, before criteria: broken when nobody could be measured,
 * inconclusive when the runner was saturated or the trial was cut short, failed when some participants
 * did not join or crashed.
 */
import type { ParticipantResult, Verdict } from '../run-record.ts';

export function trialVerdict(
  participants: ParticipantResult[],
  saturated: boolean,
  saturationReason: string | null,
  aborted: boolean,
): { verdict: Verdict; reason: string | null } {
  const joined = participants.filter((p) => p.joined).length;
  const total = participants.length;
  if (joined === 0) {
    const first = participants.find((p) => p.error);
    return { verdict: 'broken', reason: `no participant joined${first ? `: ${first.name} failed at ${first.errorStep}: ${first.error}` : ''}` };
  }
  if (aborted) return { verdict: 'inconclusive', reason: 'the trial was interrupted before the end of its measurement window' };
  if (saturated) return { verdict: 'inconclusive', reason: saturationReason };
  const failed = participants.filter((p) => !p.joined || p.error);
  if (failed.length > 0) {
    const first = failed[0] as ParticipantResult;
    return { verdict: 'failed', reason: `${joined} of ${total} joined; ${first.name}: ${first.errorStep}: ${first.error}` };
  }
  return { verdict: 'passed', reason: null };
}
