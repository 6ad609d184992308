/**
 * Bridges the runner and the criteria: loads a criteria file once and returns the function that judges a
 * finished run, and the scorecard formatter. Kept in one place so `run`, `demo` and `nightly` judge alike.
 */
import type { RunRecord } from '../../results/run-record.ts';

export interface Judge {
  judge(run: RunRecord): RunRecord;
  format(run: RunRecord): string;
}

export async function loadJudge(_criteriaFile: string): Promise<Judge> {
  // placeholder until results/criteria lands: judges nothing
  return { judge: (run) => run, format: () => '' };
}
