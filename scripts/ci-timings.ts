/**
 * Prints CI's time per stage and its slowest tests from the reports folder the stages wrote to
 * (MEETBENCH_TEST_REPORTS, or the folder given as the first argument). See test-timings.ts.
 */
import { formatTimings, readStages, readVitestReports } from './test-timings.ts';

const reportsDir = process.argv[2] ?? process.env.MEETBENCH_TEST_REPORTS;
if (!reportsDir) {
  process.stderr.write('usage: tsx scripts/ci-timings.ts REPORTS_DIR (or set MEETBENCH_TEST_REPORTS)\n');
  process.exit(2);
}
process.stdout.write(`\n${formatTimings(readStages(reportsDir), readVitestReports(reportsDir))}\n`);
