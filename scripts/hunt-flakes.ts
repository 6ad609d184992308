/**
 * `npm run hunt:flakes`: runs the tests whose outcome a browser, the SFU or the scheduler decides (every
 * e2e and fault file that compares a measured number: toBeGreaterThan, toBeLessThan, toBeCloseTo ...)
 * again and again, and prints for each test how many runs passed. A test that failed once is a flake to
 * fix: CI runs once on a fresh machine, and one red run throws a whole submission away.
 *
 *   npm run hunt:flakes -- [--runs=10] [--state=FILE] [FILE...]
 *
 * Rounds go file by file (round 1 of every file, then round 2 ...), so a slow hour of the machine falls
 * on every file alike. The state file (default test-output/flake-hunt.json) keeps every result, so a hunt
 * interrupted or spread over a night resumes where it stopped; `--runs` is the number of runs each test
 * should reach. Files run one at a time, as in `npm test`: they share one lab and two cores.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Table from 'cli-table3';
import { runVitestStage } from './test-timings.ts';

interface TestRecord {
  runs: number;
  passed: number;
  failed: number;
  skipped: number;
  /** the first line of each failure, with the round it happened in */
  failures: string[];
}

interface HuntState {
  /** file → full test name → counts */
  tests: Record<string, Record<string, TestRecord>>;
  /** file → completed rounds, and seconds spent */
  files: Record<string, { rounds: number; seconds: number }>;
}

const MEASURING = /\.(toBeGreaterThan|toBeGreaterThanOrEqual|toBeLessThan|toBeLessThanOrEqual|toBeCloseTo)\(/;

/** e2e and fault files that compare measured numbers */
function measuringFiles(): string[] {
  const folders: Array<[string, RegExp]> = [
    ['test/e2e', /\.test\.ts$/],
    ['test/faults', /\.faults\.test\.ts$/],
  ];
  return folders.flatMap(([folder, pattern]) =>
    readdirSync(folder)
      .filter((name) => pattern.test(name))
      .map((name) => path.join(folder, name))
      .filter((file) => MEASURING.test(readFileSync(file, 'utf8'))),
  );
}

const args = process.argv.slice(2);
const option = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const runs = Number(option('runs') ?? 10);
if (!Number.isInteger(runs) || runs < 1) {
  process.stderr.write(`hunt-flakes: --runs takes a whole number of 1 or more, not "${option('runs')}"\n`);
  process.exit(2);
}
const stateFile = path.resolve(option('state') ?? 'test-output/flake-hunt.json');
const named = args.filter((a) => !a.startsWith('--'));
const missing = named.filter((file) => !existsSync(file));
if (missing.length > 0) {
  process.stderr.write(`hunt-flakes: no such test file: ${missing.join(', ')}\n`);
  process.exit(2);
}
const files = named.length > 0 ? named : measuringFiles();

const state: HuntState = existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, 'utf8')) as HuntState) : { tests: {}, files: {} };
const save = (): void => {
  mkdirSync(path.dirname(stateFile), { recursive: true });
  writeFileSync(stateFile, `${JSON.stringify(state, null, 1)}\n`);
};
const projectOf = (file: string): string => (file.startsWith('test/faults/') ? 'faults' : 'e2e');

function runOnce(file: string, round: number): void {
  const work = mkdtempSync(path.join(tmpdir(), 'mb-flake-hunt-'));
  const started = Date.now();
  process.stdout.write(`\n### ${file}: round ${round} of ${runs}\n`);
  const { report } = runVitestStage(work, `hunt`, ['--project', projectOf(file), file], {
    ...process.env,
    MEETBENCH_FAULTS_OUT: path.join(work, 'rows.jsonl'),
  });
  const tests = (state.tests[file] ??= {});
  if (!report) {
    const record = (tests['(the file did not run: vitest wrote no report)'] ??= { runs: 0, passed: 0, failed: 0, skipped: 0, failures: [] });
    record.runs += 1;
    record.failed += 1;
    record.failures.push(`round ${round}: no report`);
  }
  for (const result of report?.testResults ?? []) {
    for (const test of result.assertionResults) {
      const record = (tests[test.fullName] ??= { runs: 0, passed: 0, failed: 0, skipped: 0, failures: [] });
      record.runs += 1;
      if (test.status === 'passed') record.passed += 1;
      else if (test.status === 'failed') {
        record.failed += 1;
        const message = ((test as { failureMessages?: string[] }).failureMessages?.[0] ?? '').split('\n')[0] ?? '';
        record.failures.push(`round ${round}: ${message.slice(0, 300)}`);
      } else record.skipped += 1;
    }
  }
  const done = (state.files[file] ??= { rounds: 0, seconds: 0 });
  done.rounds += 1;
  done.seconds += Math.round((Date.now() - started) / 1000);
  save();
  rmSync(work, { recursive: true, force: true });
}

for (let round = 1; round <= runs; round += 1) {
  for (const file of files) {
    if ((state.files[file]?.rounds ?? 0) >= round) continue;
    runOnce(file, round);
  }
}

const table = new Table({
  head: ['test', 'runs', 'passed', 'failed', 'skipped'],
  style: { head: [], border: [] },
  chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
});
const flaky: string[] = [];
for (const file of files) {
  const seconds = state.files[file]?.seconds ?? 0;
  const rounds = state.files[file]?.rounds ?? 0;
  table.push([`${file} (${rounds} rounds, ${rounds > 0 ? Math.round(seconds / rounds) : 0} s each)`, '', '', '', '']);
  for (const [name, record] of Object.entries(state.tests[file] ?? {})) {
    table.push([
      `  ${name.length > 110 ? `${name.slice(0, 107)}...` : name}`,
      String(record.runs),
      String(record.passed),
      String(record.failed),
      String(record.skipped),
    ]);
    if (record.failed > 0) flaky.push(`${file} > ${name}\n    ${record.failures.join('\n    ')}`);
  }
}
process.stdout.write(`\nFlake hunt: ${runs} runs per file wanted (state in ${path.relative(process.cwd(), stateFile)})\n${table.toString()}\n`);
process.stdout.write(flaky.length === 0 ? '\nNo test failed.\n' : `\nTests that failed at least once:\n  ${flaky.join('\n  ')}\n`);
process.exitCode = flaky.length === 0 ? 0 : 1;
