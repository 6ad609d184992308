/**
 * `npm test` after the set-up: type-check, lint, the formatter's check (Prettier), then each vitest layer on its own (unit, contract, cli,
 * e2e), timed. Every stage runs even when an earlier one failed, so one run shows every failure; the
 * exit code is 1 when any stage failed. At the end: the time of each stage and the slowest tests.
 *
 *   --only=unit,cli   run only these stages (typecheck, lint, format, unit, contract, cli, e2e)
 *
 * MEETBENCH_TEST_REPORTS names the folder for the stage times and vitest JSON reports (CI sets it and
 * prints one table for the whole run); without it they go to a temporary folder removed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatTimings, readStages, readVitestReports, runStage, runVitestStage } from './test-timings.ts';

const STAGES = ['typecheck', 'lint', 'format', 'unit', 'contract', 'cli', 'e2e'] as const;
type Stage = (typeof STAGES)[number];

const onlyArg = process.argv.slice(2).find((a) => a.startsWith('--only='));
const selected: Stage[] = onlyArg ? (onlyArg.slice('--only='.length).split(',') as Stage[]) : [...STAGES];
const unknown = selected.filter((s) => !STAGES.includes(s));
if (unknown.length > 0) {
  process.stderr.write(`test-stages: unknown stage(s) ${unknown.join(', ')}; known: ${STAGES.join(', ')}\n`);
  process.exit(2);
}

const shared = process.env.MEETBENCH_TEST_REPORTS;
const reportsDir = shared ?? mkdtempSync(path.join(tmpdir(), 'mb-test-reports-'));
const bin = (name: string): string => path.resolve('node_modules/.bin', name);

let ok = true;
for (const stage of selected) {
  if (stage === 'typecheck') ok = runStage(reportsDir, stage, bin('tsc'), ['--noEmit']) && ok;
  else if (stage === 'lint') ok = runStage(reportsDir, stage, bin('eslint'), ['.']) && ok;
  // `npm run format` rewrites what this check refuses
  else if (stage === 'format') ok = runStage(reportsDir, stage, bin('prettier'), ['--check', '.']) && ok;
  else ok = runVitestStage(reportsDir, stage, ['--project', stage]).ok && ok;
}

if (!shared) {
  process.stdout.write(`\n${formatTimings(readStages(reportsDir), readVitestReports(reportsDir))}\n`);
  rmSync(reportsDir, { recursive: true, force: true });
}
process.stdout.write(ok ? '\nnpm test: every stage passed.\n' : '\nnpm test: FAILED (see the stages above).\n');
process.exitCode = ok ? 0 : 1;
