/**
 * `meetbench nightly SUITE.yaml`: the unattended night. Validates the suite (and every scenario and the
 * criteria file) before anything runs, takes the data directory's run lock, runs the scenarios in order
 * until done or the deadline, judges, compares with history, writes the reports, notifies, and exits with
 * the night's code. A failing webhook is printed and never changes the exit code.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { loadCriteriaFile } from '../../../results/criteria/load-criteria.ts';
import { openStore } from '../../../results/store/open-store.ts';
import { HarnessError } from '../../errors.ts';
import { interruptible } from '../interruptible.ts';
import { DEADLINE_FORMAT, parseDeadline } from '../../scenario/deadline.ts';
import { finishNight } from '../../nightly/finish-night.ts';
import { formatMessage } from '../../nightly/notify/format-message.ts';
import { notifyAll } from '../../nightly/notify/post-webhook.ts';
import { runSuite } from '../../nightly/run-suite.ts';
import { withRunLock } from '../../run-lock/with-run-lock.ts';
import { loadSuite } from '../../scenario/load-suite.ts';
import { resolveDataDir } from '../data-dir.ts';
import { info, out } from '../output.ts';
import type { RegisterCommand } from '../register-command.ts';

export interface NightlyOptions {
  file: string;
  dataDir: string;
  /** overrides the suite's deadline */
  deadline?: string;
  notify?: boolean;
}

export async function executeNightly(options: NightlyOptions): Promise<number> {
  const start = new Date();
  const loaded = loadSuite(options.file);
  const criteria = loaded.criteriaFile ? loadCriteriaFile(loaded.criteriaFile) : undefined;
  const deadlineText = options.deadline ?? loaded.suite.deadline;
  const deadline = deadlineText === undefined ? null : parseDeadline(deadlineText, start);
  if (deadlineText !== undefined && !deadline) throw new HarnessError('INVALID_FLAG', `--deadline "${deadlineText}": expected ${DEADLINE_FORMAT}`);

  return withRunLock(
    options.dataDir,
    `meetbench nightly ${options.file}`,
    async () => {
      const store = await openStore(options.dataDir);
      return interruptible('the night', async (signal) => {
        const result = await runSuite({ loaded, store, signal, deadline, progress: (m) => info(m), criteria });
        const night = await finishNight({ loaded, store, criteria, result });
        const { report } = night;
        out(night.scorecardText);
        if (report.stoppedBy) out(`INCOMPLETE: ${report.reason}`);
        out(
          `history: ${report.history.comparisons.length} series compared with ${report.history.baselineRuns.length} previous night(s), ${report.history.regressions.length} regression(s)`,
        );
        for (const r of report.history.regressions) out(`  REGRESSION ${r.platform} ${r.scenario} ${r.network} ${r.metric}: ${r.reason}`);
        out(
          `night ${report.runId}: ${report.verdict} (${report.trials.measured}/${report.trials.planned} trials) — reports in ${path.dirname(report.reports.markdown ?? '')}`,
        );

        if (options.notify !== false && loaded.suite.notify.length > 0) {
          const outcomes = await notifyAll(loaded.suite.notify, (format) => formatMessage(format, report));
          for (const o of outcomes) {
            if (o.ok) info(`notified ${o.format} webhook ${o.target} (attempt ${o.attempts})`);
            else
              info(
                `NOTIFY FAILED: ${o.format} webhook ${o.target} after ${o.attempts} attempt(s): ${o.error} — the night's results are stored and its exit code is unchanged`,
              );
          }
        }
        return report.exitCode;
      });
    },
    info,
  );
}

export const registerNightly: RegisterCommand = (program: Command, setExit) => {
  program
    .command('nightly')
    .description('run a suite unattended: lock, repeats, history comparison, reports, notifications')
    .argument('<suite>', 'suite YAML file')
    .option('--deadline <when>', `stop cleanly at ${DEADLINE_FORMAT} (overrides the suite)`)
    .option('--no-notify', 'do not call the webhooks')
    .action(async (file: string, opts: { deadline?: string; notify: boolean }) => {
      const code = await executeNightly({
        file,
        dataDir: resolveDataDir(program.opts().dataDir),
        notify: opts.notify,
        ...(opts.deadline ? { deadline: opts.deadline } : {}),
      });
      setExit(code);
    });
};
