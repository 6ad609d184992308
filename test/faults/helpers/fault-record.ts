/**
 * Each fault case prints its own figure and appends one row to the fault table (JSON lines), which
 * `npm run test:faults` prints at the end: case, trials, survived, lost. A row is recorded before the
 * test asserts, so a failing case still shows its figure; the table script marks it by the test's result.
 */
import { appendFileSync } from 'node:fs';

export interface FaultRow {
  /** catalogue id (README "Reliability"), e.g. S1, C3, B4, V2 */
  id: string;
  part: 'store' | 'input' | 'browser-platform' | 'viewer' | 'lab-runner' | 'fuzz';
  case: string;
  trials: number;
  survived: number;
  /** results lost or corrupted; for input cases, hostile inputs that got through (a crash, a pollution, a hang) */
  lost: number;
  /** the sentence printed, e.g. "200 trials, 0 unreadable store files, 0 lost runs" */
  figure: string;
  /** the test that proves it */
  test: string;
}

export function recordFault(row: FaultRow): void {
  process.stdout.write(`FAULT ${row.id} ${row.case}: ${row.figure}\n`);
  const out = process.env.MEETBENCH_FAULTS_OUT;
  if (out) appendFileSync(out, `${JSON.stringify(row)}\n`);
}
