/**
 * `meetbench serve [--host 127.0.0.1] [--port 8080] [--password-file FILE] [--criteria FILE]`: the viewer
 * over the results store. Loopback needs no password; any other address requires MEETBENCH_VIEWER_PASSWORD
 * or --password-file and refuses an empty one (docs/architecture.md). With --criteria, every
 * run is judged again with that file, declared criteria (licence, LDAP, ...) included, as `meetbench score`
 * does; without it the scorecards come from the criteria results stored in each run. Runs until SIGINT/SIGTERM.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { HarnessError } from '../../errors.ts';
import { resolveDataDir } from '../data-dir.ts';
import { info, out } from '../output.ts';
import { openStore } from '../../../results/store/open-store.ts';
import { createApp } from '../../../server/create-app.ts';
import { startServer } from '../../../server/start-server.ts';
import { isLoopbackHost } from '../../../server/security/basic-auth.ts';
import type { RegisterCommand } from '../register-command.ts';
import { readInputFile } from '../../../results/read-input-file.ts';

const MAX_PASSWORD_FILE_BYTES = 4096;
import type { ResultsStore } from '../../../results/store/results-store.ts';
import { loadCriteriaFile } from '../../../results/criteria/load-criteria.ts';
import type { ViewerCriteria } from '../../../server/context.ts';

interface ServeOptions {
  host: string;
  port: string;
  passwordFile?: string;
  criteria?: string;
}

async function readPassword(options: ServeOptions): Promise<string | undefined> {
  if (options.passwordFile) {
    // a regular file of a few bytes: /dev/zero or a FIFO here must not hang or fill the memory
    const text = readInputFile(options.passwordFile, MAX_PASSWORD_FILE_BYTES);
    // a trailing newline from `echo secret > file` is not part of the password
    return text.replace(/\r?\n$/, '');
  }
  return process.env.MEETBENCH_VIEWER_PASSWORD;
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new HarnessError('INVALID_FLAG', `--port must be an integer from 0 to 65535, got ${JSON.stringify(value)}`);
  return port;
}

/** Serves the viewer over a store until SIGINT/SIGTERM (shared by `serve` and `demo`). */
export async function serveUntilSignal(
  store: ResultsStore,
  options: { host: string; port: number; password?: string; criteria?: ViewerCriteria },
): Promise<void> {
  const app = createApp({
    store,
    ...(options.password !== undefined ? { auth: { password: options.password } } : {}),
    ...(options.criteria ? { criteria: options.criteria } : {}),
  });
  let running;
  try {
    running = await startServer(app, options.host, options.port);
  } catch (error) {
    throw new HarnessError('INVALID_FLAG', `cannot listen on ${options.host}:${options.port}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, {
      hint: 'pick another --port, or stop what already listens there',
    });
  }
  out(`meetbench viewer on ${running.url}/ (data: ${store.dataDir})${options.password !== undefined ? ' — password required (user "meetbench")' : ''}`);
  if (options.criteria) info(`scorecards judged with ${options.criteria.label}`);
  info('Ctrl-C stops it.');
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await running.close();
}

export const registerServe: RegisterCommand = (program: Command, setExit) => {
  program
    .command('serve')
    .description('start the viewer: scorecards, trends, run detail (127.0.0.1:8080 by default)')
    .option('--host <address>', 'address to listen on; anything but loopback requires a password', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '8080')
    .option('--password-file <file>', 'file holding the viewer password (else MEETBENCH_VIEWER_PASSWORD)')
    .option('--criteria <file>', 'judge every run with this criteria file (declared criteria included) instead of the stored results')
    .action(async (options: ServeOptions) => {
      const port = parsePort(options.port);
      // the criteria first: a typo in them is reported (file, line, path; exit 2) before anything listens
      const criteria = options.criteria ? { file: loadCriteriaFile(path.resolve(options.criteria)), label: options.criteria } : undefined;
      const loopback = isLoopbackHost(options.host);
      const password = await readPassword(options);
      if (!loopback && password === undefined) {
        throw new HarnessError('INVALID_FLAG', `--host ${options.host} is not a loopback address: the viewer needs a password there`, {
          hint: 'set MEETBENCH_VIEWER_PASSWORD or pass --password-file FILE, or keep the default --host 127.0.0.1',
        });
      }
      if (password !== undefined && password.trim() === '') {
        throw new HarnessError('INVALID_FLAG', 'the viewer password is empty: refusing to serve with an empty password', {
          hint: 'choose a non-empty password',
        });
      }
      const store = await openStore(resolveDataDir(program.opts<{ dataDir?: string }>().dataDir));
      await serveUntilSignal(store, { host: options.host, port, ...(password !== undefined ? { password } : {}), ...(criteria ? { criteria } : {}) });
      setExit(0);
    });
};
