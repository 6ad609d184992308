/**
 * `npm run test:faults`: runs the fault catalogue (vitest project `faults`: test/faults and test/fuzz) and
 * the existing tests that already prove some of its cases, then prints one table: case, trials, survived,
 * lost. Exit 0 only when every test passed and no row lost anything.
 *
 *   --e2e        also run the end-to-end proofs (run failures, nightly lock, lab reaper): several minutes more
 *   --only=PAT   run only fault files matching PAT (a vitest filter), e.g. --only=store
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Table from 'cli-table3';
import { runVitestStage, type VitestJsonReport } from './test-timings.ts';

interface Row {
  id: string;
  part: string;
  case: string;
  trials: number | string;
  survived: number | string;
  lost: number | string;
  figure?: string;
  test: string;
}

/** cases an existing test already proves: the table points at it and counts its tests */
interface Proof {
  id: string;
  part: string;
  case: string;
  file: string;
  /** which of the file's tests prove it (full name) */
  pattern: RegExp;
  e2e?: boolean;
}

const PROOFS: Proof[] = [
  { id: 'S2', part: 'store', case: 'two processes write one store (contract)', file: 'test/contract/lowdb-store.test.ts', pattern: /two processes/ },
  { id: 'S4', part: 'store', case: 'corrupt file refused, copy kept (contract)', file: 'test/contract/lowdb-store.test.ts', pattern: /corrupt|empty file/ },
  { id: 'C6', part: 'input', case: "k6's parser accept/reject table", file: 'test/unit/results/criteria/threshold-parser.test.ts', pattern: /parseThreshold/ },
  {
    id: 'C9/C10',
    part: 'input',
    case: 'no data, all joins failed: no-data outcome, no NaN',
    file: 'test/unit/results/scorecard/score-run.test.ts',
    pattern: /no data|NaN/,
  },
  { id: 'B1', part: 'browser-platform', case: 'platform page that never answers', file: 'test/e2e/run-failures.test.ts', pattern: /never answers/, e2e: true },
  { id: 'B3', part: 'browser-platform', case: 'browser killed mid-trial', file: 'test/e2e/run-failures.test.ts', pattern: /killed mid-trial/, e2e: true },
  { id: 'B6', part: 'lab-runner', case: 'SIGTERM from cron/systemd mid-run', file: 'test/e2e/run-failures.test.ts', pattern: /SIGTERM/, e2e: true },
  { id: 'B7', part: 'lab-runner', case: 'overlapping nightly runs, kill -9, takeover (CLI)', file: 'test/cli/nightly-lock.test.ts', pattern: /./ },
  { id: 'B7', part: 'lab-runner', case: 'overlapping nightly runs on the lab (e2e)', file: 'test/e2e/nightly-lock.test.ts', pattern: /./, e2e: true },
  { id: 'B5', part: 'lab-runner', case: 'lab left by a killed owner is reaped', file: 'test/e2e/lab.test.ts', pattern: /reaped|removes its lab/, e2e: true },
  { id: 'V1', part: 'viewer', case: 'stored XSS payloads shown as text in Chromium', file: 'test/e2e/viewer-xss.test.ts', pattern: /./ },
  { id: 'V2', part: 'viewer', case: 'artifact path traversal refused', file: 'test/unit/server/artifacts.test.ts', pattern: /./ },
  { id: 'V5-V7', part: 'viewer', case: 'CSP, read-only, auth, no X-Powered-By', file: 'test/unit/server/security.test.ts', pattern: /./ },
];

const args = process.argv.slice(2);
const withE2e = args.includes('--e2e');
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);

const work = mkdtempSync(path.join(tmpdir(), 'mb-faults-run-'));
const rowsFile = path.join(work, 'rows.jsonl');

const reportsDir = process.env.MEETBENCH_TEST_REPORTS ?? work;

function vitest(stage: string, extra: string[]): VitestJsonReport | null {
  return runVitestStage(reportsDir, stage, extra, { ...process.env, MEETBENCH_FAULTS_OUT: rowsFile }).report;
}

const faults = vitest('faults', ['--project', 'faults', ...(only ? [only] : [])]);
const proofFiles = [...new Set(PROOFS.filter((p) => withE2e || !p.e2e).map((p) => p.file))];
const proofs = only ? null : vitest('faults-proofs', proofFiles);

const results = [...(faults?.testResults ?? []), ...(proofs?.testResults ?? [])];
const failedTests = results.flatMap((f) =>
  f.assertionResults.filter((a) => a.status === 'failed').map((a) => `${path.relative(process.cwd(), f.name)} > ${a.fullName}`),
);
const failedFiles = new Set(failedTests.map((t) => t.split(' > ')[0]));

const rows: Row[] = existsSync(rowsFile)
  ? readFileSync(rowsFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Row)
  : [];

for (const proof of only ? [] : PROOFS) {
  const file = results.find((f) => path.relative(process.cwd(), f.name) === proof.file);
  const tests = file?.assertionResults.filter((a) => proof.pattern.test(a.fullName) && a.status !== 'skipped' && a.status !== 'pending') ?? [];
  if (!file || tests.length === 0) {
    rows.push({
      id: proof.id,
      part: proof.part,
      case: proof.case,
      trials: '-',
      survived: '-',
      lost: '-',
      test: `${proof.file} (${proof.e2e && !withE2e ? 'e2e: run with --e2e' : 'skipped here'})`,
    });
    continue;
  }
  const passed = tests.filter((t) => t.status === 'passed').length;
  rows.push({ id: proof.id, part: proof.part, case: proof.case, trials: tests.length, survived: passed, lost: tests.length - passed, test: proof.file });
}

const ORDER = ['store', 'input', 'browser-platform', 'viewer', 'lab-runner', 'fuzz'];
rows.sort((a, b) => ORDER.indexOf(a.part) - ORDER.indexOf(b.part));
const table = new Table({
  head: ['part', 'id', 'case', 'trials', 'survived', 'lost', 'proved by'],
  wordWrap: true,
  colWidths: [18, 8, 46, 8, 10, 6, 46],
  style: { head: [], border: [] },
  chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
});
for (const r of rows) {
  const failed = failedFiles.has(r.test) && typeof r.lost === 'number' && r.lost === 0 ? ' (test failed)' : '';
  table.push([r.part, r.id, r.case, String(r.trials), String(r.survived), `${r.lost}${failed}`, r.test]);
}
process.stdout.write('\nFigures:\n');
for (const r of rows.filter((x) => x.figure)) process.stdout.write(`  ${r.id} ${r.case}: ${r.figure}\n`);
process.stdout.write(`\nFault catalogue\n${table.toString()}\n`);

const lost = rows.filter((r) => typeof r.lost === 'number' && r.lost > 0);
if (failedTests.length > 0) process.stdout.write(`\nFAILED tests:\n  ${failedTests.join('\n  ')}\n`);
if (!faults) process.stdout.write('\nthe fault run wrote no report (vitest crashed?)\n');
const ok = faults !== null && failedTests.length === 0 && lost.length === 0;
process.stdout.write(
  ok ? `\nAll ${rows.length} rows survived, nothing lost.\n` : `\n${lost.length} row(s) lost something, ${failedTests.length} test(s) failed.\n`,
);
rmSync(work, { recursive: true, force: true });
// Cases that kill a runner with kill -9 leave its lab for "the next start" to reap: be that next start,
// so the catalogue itself leaves no namespace behind.
if (process.getuid?.() === 0) {
  const { reapStale } = await import('../harness/lab/index.ts');
  const reaped = await reapStale();
  if (reaped.removed.length > 0) process.stdout.write(`reaped what the killed runners left: ${reaped.removed.join(', ')}\n`);
}
process.exitCode = ok ? 0 : 1;
