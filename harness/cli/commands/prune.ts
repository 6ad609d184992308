/**
 * `meetbench prune --keep-days N [--keep-summaries-days M] [--dry-run]`: samples and artifacts of runs
 * older than N days are removed, their records kept; with M, runs older than M days are deleted entirely.
 */
import type { Command } from 'commander';
import { openStore } from '../../../results/store/open-store.ts';
import { EXIT_CODES } from '../../../results/errors.ts';
import { HarnessError } from '../../errors.ts';
import { pruneRuns } from '../../nightly/prune.ts';
import { resolveDataDir } from '../data-dir.ts';
import { warnSkippedRuns } from '../skipped-runs.ts';
import { info, out } from '../output.ts';
import type { RegisterCommand } from '../register-command.ts';

function days(flag: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !Number.isFinite(n)) throw new HarnessError('INVALID_FLAG', `${flag} "${value}": expected a number of days (0 or more)`);
  return n;
}

export const registerPrune: RegisterCommand = (program: Command, setExit) => {
  program
    .command('prune')
    .description('remove old samples and artifacts (and, with --keep-summaries-days, old runs)')
    .requiredOption('--keep-days <n>', 'keep samples and artifacts of the last N days')
    .option('--keep-summaries-days <m>', 'delete runs older than M days entirely (default: keep run summaries forever)')
    .option('--dry-run', 'say what would be removed, remove nothing')
    .action(async (opts: { keepDays: string; keepSummariesDays?: string; dryRun?: boolean }) => {
      const keepDays = days('--keep-days', opts.keepDays)!;
      const keepSummariesDays = days('--keep-summaries-days', opts.keepSummariesDays);
      if (keepSummariesDays !== null && keepSummariesDays < keepDays) {
        throw new HarnessError('INVALID_FLAG', `--keep-summaries-days ${keepSummariesDays} is shorter than --keep-days ${keepDays}`, {
          hint: 'summaries are kept at least as long as the details',
        });
      }
      const store = await openStore(resolveDataDir(program.opts().dataDir));
      await warnSkippedRuns(store);
      const result = await pruneRuns(store, { keepDays, keepSummariesDays, dryRun: opts.dryRun ?? false });
      for (const { id, why } of result.skipped) info(`left run ${JSON.stringify(id)} as it is: ${why}`);
      const verb = opts.dryRun ? 'would remove' : 'removed';
      out(
        `${verb} samples and artifacts of ${result.detailsRemoved.length} run(s), ${result.runsDeleted.length} run(s) entirely; ${(result.bytesFreed / 1024 / 1024).toFixed(1)} MiB`,
      );
      setExit(EXIT_CODES.passed);
    });
};
