/** The verdict of a run in capacity mode (scenario `capacity`), from its searches. */
import type { CapacitySearch, Verdict } from '../run-record.ts';

/**
 * The run's verdict in capacity mode: the search is the measurement, so a search that found a largest
 * room passed (its last step failing is how it ends); none passing is failed; a runner saturated or a
 * platform broken before any step passed gives no answer (inconclusive, broken).
 */
export function capacityVerdict(searches: CapacitySearch[]): { verdict: Verdict; reason: string } {
  const verdicts: Verdict[] = searches.map((s) => {
    if (s.largestPassing !== null) return s.stoppedBecause === 'interrupted' ? 'inconclusive' : 'passed';
    if (s.stoppedBecause === 'runner-saturated' || s.stoppedBecause === 'interrupted') return 'inconclusive';
    if (s.stoppedBecause === 'broken') return 'broken';
    return 'failed';
  });
  const order: Verdict[] = ['broken', 'inconclusive', 'failed', 'passed'];
  const verdict = order.find((v) => verdicts.includes(v)) ?? 'broken';
  const reason = searches.map((s) => `${s.platform}/${s.network}: largest room ${s.largestPassing ?? 'none'} — ${s.explanation}`).join(' ');
  return { verdict, reason };
}
