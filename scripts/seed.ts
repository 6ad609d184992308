/**
 * Fill a data directory with the deterministic seeded year of nightly runs, for developing, testing and
 * benchmarking the viewer: `npx tsx scripts/seed.ts [--data-dir DIR] [--days N] [--xss]`.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../results/store/open-store.ts';
import { generateDataset } from '../results/seed/generate-dataset.ts';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: '.meetbench-seed' },
    days: { type: 'string', default: '365' },
    xss: { type: 'boolean', default: false },
  },
});
const dataDir = path.resolve(values['data-dir']);
const days = Number(values.days);
if (!Number.isInteger(days) || days < 1) {
  process.stderr.write(`seed: --days must be a positive integer, got ${JSON.stringify(values.days)}\n`);
  process.exitCode = 2;
} else {
  const started = Date.now();
  const store = await openStore(dataDir);
  if ((await store.listRuns()).length > 0) {
    process.stderr.write(`seed: ${dataDir} already holds runs; seed an empty data directory\n`);
    process.exitCode = 2;
  } else {
    const report = await generateDataset(store, { days, xss: values.xss });
    process.stdout.write(
      `seeded ${report.runs} runs (${report.firstRunId} .. ${report.lastRunId}), ${report.trials} trials, ` +
        `${report.sampleFiles} sample files, ${report.artifacts} artifacts into ${dataDir} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
  }
}
