/**
 * `meetbench doctor`: what this machine can and cannot do, as a table of checks (after Lighthouse CI's
 * healthcheck). Each check says ok, missing (install it), unavailable (this machine/kernel cannot) or failed,
 * with a hint. Required checks (browser, fake media, data dir) set exit code 3 when they fail; optional ones
 * (the lab, shaping features, reference platforms) never change the exit code, but the summary says what
 * will not work without them.
 */
import Table from 'cli-table3';
import type { Command } from 'commander';
import { EXIT_CODES } from '../../../results/errors.ts';
import { DEFAULT_CHROMIUM } from '../../lab/index.ts';
import { resolveDataDir } from '../data-dir.ts';
import type { CheckResult, DoctorCheck } from '../doctor/doctor-check.ts';
import { dataDirCheck, machineChecks } from '../doctor/machine-checks.ts';
import { networkChecks } from '../doctor/network-checks.ts';
import { platformChecks } from '../doctor/platform-checks.ts';
import { info, out } from '../output.ts';
import type { RegisterCommand } from '../register-command.ts';

/** the rows, in the order they print: the machine, the network, the reference platforms, the data dir */
const buildChecks = (dataDir: string, chromium: string): DoctorCheck[] => [
  ...machineChecks(chromium),
  ...networkChecks(),
  ...platformChecks(dataDir),
  dataDirCheck(dataDir),
];

export const registerDoctor: RegisterCommand = (program, setExit) => {
  program
    .command('doctor')
    .description('check the machine: browser, fake media, namespaces, shaping features, reference platforms, data dir')
    .option('--chromium <path>', 'browser to check', DEFAULT_CHROMIUM)
    .option('--json', 'print the results as JSON')
    .action(async (opts: { chromium: string; json?: boolean }, command: Command) => {
      const dataDir = resolveDataDir(command.optsWithGlobals<{ dataDir?: string }>().dataDir);
      const results: Array<DoctorCheck & CheckResult> = [];
      for (const c of buildChecks(dataDir, opts.chromium)) {
        if (!opts.json) info(`checking ${c.label}...`);
        const r = await c
          .check()
          .catch((error: unknown): CheckResult => ({ status: 'failed', detail: error instanceof Error ? error.message : String(error) }));
        results.push({ ...c, ...r });
      }
      const requiredFailed = results.filter((r) => r.required && r.status !== 'ok');
      const optionalMissing = results.filter((r) => !r.required && r.status !== 'ok');
      if (opts.json) {
        out(
          JSON.stringify(
            results.map(({ label, required, status, detail, hint }) => ({ label, required, status, detail, hint: hint ?? null })),
            null,
            2,
          ),
        );
      } else {
        const table = new Table({ head: ['check', 'status', 'detail', 'hint'], colWidths: [30, 13, 60, 44], wordWrap: true, style: { head: [], border: [] } });
        for (const r of results)
          table.push([r.label, r.required ? r.status : `${r.status} (opt.)`, r.detail.length > 240 ? `${r.detail.slice(0, 237)}...` : r.detail, r.hint ?? '']);
        out(table.toString());
        if (requiredFailed.length > 0) out(`NOT READY: ${requiredFailed.map((r) => r.label).join('; ')} failed; meetbench cannot measure without them.`);
        else out('ready: browser, fake media and data dir work.');
        if (optionalMissing.length > 0)
          out(`optional, not available here: ${optionalMissing.map((r) => r.label).join('; ')} (see the hints; exit code stays 0).`);
      }
      setExit(requiredFailed.length > 0 ? EXIT_CODES.broken : 0);
    });
};
