/**
 * `meetbench demo`: the main job on the embedded default — the lab comes up (Janus from Debian and LiveKit
 * built at set-up, each in its own network namespace), the demo scenario runs (3 participants on each,
 * 30 s), one scorecard compares them against the preset criteria, and the viewer serves the result on
 * 127.0.0.1 until Ctrl-C (`--no-serve` to stop after the scorecard). The lab is removed when the run ends.
 */
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { loadCriteriaFile } from '../../../results/criteria/load-criteria.ts';
import { openStore } from '../../../results/store/open-store.ts';
import { isRoot } from '../../lab/index.ts';
import { HarnessError } from '../../errors.ts';
import { resolveDataDir } from '../data-dir.ts';
import { info } from '../output.ts';
import { executeRun } from './run.ts';
import { parsePort, serveUntilSignal } from './serve.ts';
import type { RegisterCommand } from '../register-command.ts';

export const DEMO_SCENARIO = fileURLToPath(new URL('../../../scenarios/demo.yaml', import.meta.url));

export const registerDemo: RegisterCommand = (program: Command, setExit) => {
  program
    .command('demo')
    .description('the main job: lab up, the demo scenario on the real Janus and LiveKit, one scorecard, viewer')
    .option('--scenario <file>', 'scenario to run instead of the demo', DEMO_SCENARIO)
    .option('--port <port>', 'viewer port', '8080')
    .option('--no-serve', 'stop after the scorecard instead of serving the viewer')
    .action(async (options: { scenario: string; port: string; serve: boolean }) => {
      if (!isRoot()) {
        throw new HarnessError('NEEDS_ROOT', 'the demo runs the lab (network namespaces for Janus, LiveKit and every participant), which needs root', {
          hint: 'run it as root: sudo npm run demo',
        });
      }
      const dataDir = resolveDataDir(program.opts<{ dataDir?: string }>().dataDir);
      const port = parsePort(options.port);
      // the demo compares what this machine can run: without Go, Janus alone, with the reason LiveKit is not there
      const { exitCode, runId, criteriaFile } = await executeRun({ file: options.scenario, dataDir, kind: 'demo', leaveOutUnrunnable: true });
      setExit(exitCode);
      if (!options.serve) return;
      info(`\nThe run is stored; the viewer shows it at http://127.0.0.1:${port}/runs/${runId}`);
      // the viewer judges with the same criteria, declared ones (licence, LDAP...) included
      const criteria = criteriaFile ? { file: loadCriteriaFile(criteriaFile), label: criteriaFile } : undefined;
      await serveUntilSignal(await openStore(dataDir), { host: '127.0.0.1', port, ...(criteria ? { criteria } : {}) });
    });
};
