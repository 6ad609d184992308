/**
 * Criteria that a scenario's own settings leave without data, said before the run rather than found
 * in a failed verdict: with `runner.playAudio: false` remote audio is not played, so
 * `audio_concealed_pct` is never measured, and a criterion on it reads "no data" (a fail unless the
 * criterion says `noData: pass` or `skip`).
 */
import type { CriteriaFile } from '../../results/criteria/criteria-schema.ts';
import type { Scenario } from '../scenario/scenario-schema.ts';
import { unmeasuredMetrics } from '../scenario/unmeasured-metrics.ts';

/** one line per criterion that will read no data, or none */
export function unmeasuredCriteriaNotes(scenario: Scenario, criteria: CriteriaFile, criteriaFile: string): string[] {
  const off = new Map(unmeasuredMetrics(scenario).map((u) => [u.metric, u.why]));
  return criteria.measured
    .filter((c) => off.has(c.metric))
    .map((c) => {
      const noData = c.noData ?? criteria.defaults?.noData ?? 'fail';
      const outcome = noData === 'skip' ? 'it is skipped' : noData === 'pass' ? 'it passes without data' : 'it fails with "no data" unless it says noData: skip';
      return `note: criterion "${c.id}" (${criteriaFile}) judges ${c.metric}, which is not measured here: ${off.get(c.metric)}; ${outcome}`;
    });
}
