/**
 * Criteria that a scenario's own settings leave without data, said before the run rather than found
 * in a failed verdict: with `runner.playAudio: false` remote audio is not played, so
 * `audio_concealed_pct` is never measured, and a criterion on it reads "no data" (a fail unless the
 * criterion says `noData: pass` or `skip`).
 */
import { compileCriteria } from '../../results/criteria/compile-criteria.ts';
import type { CriteriaFile } from '../../results/criteria/criteria-schema.ts';
import type { Scenario } from '../scenario/scenario-schema.ts';
import { unmeasuredMetrics } from '../scenario/unmeasured-metrics.ts';

/** one line per criterion that will read no data, or none */
export function unmeasuredCriteriaNotes(scenario: Scenario, criteria: CriteriaFile, criteriaFile: string): string[] {
  const off = new Map(unmeasuredMetrics(scenario).map((u) => [u.metric, u.why]));
  // compiled: each criterion's noData with the file's defaults resolved, as the judge will see it
  return compileCriteria(criteria)
    .measured.filter((c) => off.has(c.metric))
    .map((c) => {
      const outcome =
        c.noData === 'skip' ? 'it is skipped' : c.noData === 'pass' ? 'it passes without data' : 'it fails with "no data" unless it says noData: skip';
      return `note: criterion "${c.id}" (${criteriaFile}) judges ${c.metric}, which is not measured here: ${off.get(c.metric)}; ${outcome}`;
    });
}
