/**
 * `meetbench lab up|down|status`: the local reference platforms and the lab network (harness/lab/).
 * `lab up` leaves the lab running and returns (the lab outlives this process until `lab down`).
 */
import Table from 'cli-table3';
import type { Command } from 'commander';
import { HarnessError } from '../../errors.ts';
import { installCleanupHandlers, labDown, labStatus, labUp, REFERENCE_PLATFORMS } from '../../lab/index.ts';
import { resolveDataDir } from '../data-dir.ts';
import { info, out } from '../output.ts';
import type { RegisterCommand } from '../register-command.ts';

function positiveInt(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new HarnessError('INVALID_FLAG', `${flag} expects a positive integer, got "${value}"`);
    return n;
  };
}

const dataDirOf = (command: Command): string => resolveDataDir(command.optsWithGlobals<{ dataDir?: string }>().dataDir);

export const registerLab: RegisterCommand = (program, setExit) => {
  const lab = program.command('lab').description('start, stop and inspect the local reference platforms and the lab network (needs root)');

  lab
    .command('up')
    .description('create the lab network and start reference platforms in their namespaces; returns when they answer')
    .option('--platforms <ids>', `comma-separated reference platforms (${Object.keys(REFERENCE_PLATFORMS).join(', ')})`, 'janus')
    .option('--rooms <n>', 'rooms to create on each platform', positiveInt('--rooms'))
    .option('--publishers <n>', 'maximum publishers per room', positiveInt('--publishers'))
    .option('--bitrate <kbps>', 'per-publisher bitrate cap in kbit/s', positiveInt('--bitrate'))
    .option('--no-reuse', 'do not reuse a running lab that already has these platforms and rooms')
    .option('--wait <seconds>', "when another process's lab is running, wait this long for it to go", positiveInt('--wait'))
    .action(async (opts: { platforms: string; rooms?: number; publishers?: number; bitrate?: number; reuse: boolean; wait?: number }, command: Command) => {
      const dataDir = dataDirOf(command);
      // interrupted while starting: remove the half-made lab; once ready it is handed over to the user
      const uninstall = installCleanupHandlers();
      try {
        const rooms = { count: opts.rooms, maxPublishers: opts.publishers, bitrateBps: opts.bitrate === undefined ? undefined : opts.bitrate * 1000 };
        const started = Date.now();
        const result = await labUp({
          dataDir,
          platforms: opts.platforms
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
          rooms: Object.fromEntries(Object.entries(rooms).filter(([, v]) => v !== undefined)),
          persistent: true,
          reuse: opts.reuse,
          waitMs: (opts.wait ?? 0) * 1000,
          onProgress: (line) => info(`lab: ${line}`),
        });
        info(result.reused ? `lab: already running (data dir ${result.state.dataDir}), nothing started` : `lab: up in ${Date.now() - started} ms`);
        printPlatforms(result.state.dataDir);
        out(`take it down with: node bin/meetbench.js --data-dir ${result.state.dataDir} lab down`);
        setExit(0);
      } finally {
        uninstall();
      }
    });

  lab
    .command('down')
    .description('stop the reference platforms and remove every namespace, link and nftables table of the lab')
    .action(async (_opts: unknown, command: Command) => {
      const { removed } = await labDown(dataDirOf(command));
      out(removed.length > 0 ? `removed: ${removed.join(', ')}` : 'nothing to remove: no lab was running');
      setExit(0);
    });

  lab
    .command('status')
    .description('show whether the lab runs, its platforms, addresses and URLs')
    .option('--json', 'print the status as JSON')
    .action((opts: { json?: boolean }, command: Command) => {
      const dataDir = dataDirOf(command);
      const status = labStatus(dataDir);
      if (opts.json) {
        out(JSON.stringify(status, null, 2));
      } else {
        if (status.otherDataDir) info(`lab: the machine's lab objects belong to data dir ${status.otherDataDir}`);
        if (!status.state)
          out(`no lab recorded in ${dataDir}${status.namespaces.length > 0 ? ` (but namespaces exist: ${status.namespaces.join(', ')})` : ''}`);
        else {
          out(
            `lab ${status.running ? 'running' : `NOT running${status.stale ? `: ${status.stale}` : ''}`}, created ${status.state.createdAt} by pid ${status.state.owner.pid}${status.state.owner.persistent ? ' (persistent)' : ''}`,
          );
          out(
            `rooms: ${status.state.rooms.count} rooms of up to ${status.state.rooms.maxPublishers} publishers, ${status.state.rooms.bitrateBps / 1000} kbit/s each`,
          );
          printPlatforms(dataDir);
          if (status.state.participants.length > 0)
            out(`participant namespaces: ${status.state.participants.map((p) => `${p.namespace} (${p.address}, pid ${p.owner.pid})`).join(', ')}`);
        }
      }
      // status is information: exit 0 whether or not the lab runs, 3 only when a recorded lab is broken
      setExit(status.state && !status.running ? 3 : 0);
    });
};

function printPlatforms(dataDir: string): void {
  const status = labStatus(dataDir);
  const table = new Table({ head: ['platform', 'namespace', 'address', 'processes', 'page', 'api'], style: { head: [], border: [] } });
  for (const p of status.state?.platforms ?? []) {
    const s = status.platforms.find((x) => x.id === p.id);
    table.push([
      p.id,
      `${p.namespace}${s?.namespacePresent ? '' : ' (missing)'}`,
      p.address,
      `${p.processes.map((x) => x.pid).join(' ')} ${s?.processesAlive ? 'alive' : 'DEAD'}`,
      p.endpoints?.pageUrl ?? '-',
      p.endpoints?.extra.api ?? '-',
    ]);
  }
  out(table.toString());
}
