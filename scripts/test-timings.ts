/**
 * Stage times and the slowest tests, for `npm test`, `npm run test:faults` and CI. Each stage appends one
 * line to `stages.jsonl` in a reports folder and each vitest stage leaves its JSON report there, so CI
 * can print one table for the whole run (set-up, typecheck, lint, each vitest project, faults) however
 * many processes ran the stages. The folder is MEETBENCH_TEST_REPORTS when set (CI sets it), else a
 * temporary folder of the calling script.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Table from 'cli-table3';

export interface StageLine {
  stage: string;
  seconds: number;
  ok: boolean;
}

export interface VitestJsonReport {
  success: boolean;
  testResults: Array<{
    name: string;
    startTime: number;
    endTime: number;
    status: string;
    message?: string;
    assertionResults: Array<{ fullName: string; status: string; duration?: number | null; failureMessages?: string[] | null }>;
  }>;
}

const STAGES_FILE = 'stages.jsonl';

export function recordStage(reportsDir: string, line: StageLine): void {
  appendFileSync(path.join(reportsDir, STAGES_FILE), `${JSON.stringify(line)}\n`);
  process.stdout.write(`== ${line.stage}: ${line.ok ? 'ok' : 'FAILED'} in ${line.seconds} s\n`);
}

/** run a command as one stage, its output passed through; true when it exited 0 */
export function runStage(reportsDir: string, stage: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  process.stdout.write(`\n== ${stage}: ${command} ${args.join(' ')}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  const ok = result.status === 0;
  recordStage(reportsDir, { stage, seconds: Math.round((Date.now() - started) / 1000), ok });
  return ok;
}

/** `vitest run` with its usual output and a JSON report named after the stage, read back */
export function runVitestStage(
  reportsDir: string,
  stage: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): { ok: boolean; report: VitestJsonReport | null } {
  const file = reportFile(reportsDir, stage);
  const vitest = path.resolve('node_modules/.bin/vitest');
  const ok = runStage(reportsDir, stage, vitest, ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`, ...args], env);
  const report = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as VitestJsonReport) : null;
  return { ok: ok && report !== null, report };
}

const reportFile = (reportsDir: string, stage: string): string => path.join(reportsDir, `vitest-${stage.replace(/[^a-z0-9-]+/gi, '-')}.json`);

export function readStages(reportsDir: string): StageLine[] {
  const file = path.join(reportsDir, STAGES_FILE);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as StageLine);
}

export function readVitestReports(reportsDir: string): VitestJsonReport[] {
  return readdirSync(reportsDir)
    .filter((name) => name.startsWith('vitest-') && name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(path.join(reportsDir, name), 'utf8')) as VitestJsonReport);
}

const plainTable = (head: string[]): Table.Table =>
  new Table({ head, style: { head: [], border: [] }, chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' } });

const minutes = (seconds: number): string => (seconds >= 60 ? `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s` : `${seconds} s`);

/**
 * The stage table, then the ten slowest tests and the ten slowest files. A file's time includes its
 * hooks (an e2e file runs its trial in `beforeAll` or its first test), which a test's own time does not.
 */
export function formatTimings(stages: StageLine[], reports: VitestJsonReport[], top = 10): string {
  const stageTable = plainTable(['stage', 'time', 'result']);
  for (const s of stages) stageTable.push([s.stage, minutes(s.seconds), s.ok ? 'ok' : 'FAILED']);
  const total = stages.reduce((sum, s) => sum + s.seconds, 0);
  stageTable.push(['total', minutes(total), stages.every((s) => s.ok) ? 'ok' : 'FAILED']);

  const relative = (file: string): string => path.relative(process.cwd(), file);
  const tests = reports.flatMap((r) =>
    r.testResults.flatMap((f) => f.assertionResults.map((a) => ({ name: `${relative(f.name)} > ${a.fullName}`, ms: a.duration ?? 0 }))),
  );
  const files = reports.flatMap((r) => r.testResults.map((f) => ({ name: relative(f.name), ms: Math.max(0, f.endTime - f.startTime) })));
  const slowest = (rows: Array<{ name: string; ms: number }>, title: string): string => {
    const table = plainTable([title, 'time']);
    for (const row of [...rows].sort((a, b) => b.ms - a.ms).slice(0, top))
      table.push([row.name.length > 150 ? `${row.name.slice(0, 147)}...` : row.name, `${(row.ms / 1000).toFixed(1)} s`]);
    return table.toString();
  };
  const failed = failures(reports, relative);
  return [
    `Time per stage\n${stageTable.toString()}`,
    ...(tests.length > 0
      ? [`The ${top} slowest tests\n${slowest(tests, 'test')}`, `The ${top} slowest test files (hooks included)\n${slowest(files, 'file')}`]
      : []),
    // last, so that the tail of a long CI log (often all one gets to see) names what failed and why
    ...(failed.length > 0 ? [`Failed (${failed.length})\n${failed.join('\n')}`] : []),
  ].join('\n\n');
}

const firstLines = (text: string, lines = 3): string =>
  text
    .split('\n')
    .filter((line) => line.trim() !== '' && !/^\s+at /.test(line))
    .slice(0, lines)
    .map((line) => `    ${line.trim().slice(0, 300)}`)
    .join('\n');

/** each failed test (or file that failed outside its tests, in a hook) with the first lines of its error */
function failures(reports: VitestJsonReport[], relative: (file: string) => string): string[] {
  return reports.flatMap((r) =>
    r.testResults.flatMap((f) => {
      const tests = f.assertionResults
        .filter((a) => a.status === 'failed')
        .map((a) => `  ${relative(f.name)} > ${a.fullName}\n${firstLines((a.failureMessages ?? []).join('\n'))}`);
      if (tests.length === 0 && f.status === 'failed') return [`  ${relative(f.name)} (outside its tests)\n${firstLines(f.message ?? 'no message')}`];
      return tests;
    }),
  );
}
