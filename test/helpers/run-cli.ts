/**
 * Spawns the real CLI (bin/meetbench.js) like a user would, and collects its exit code and output.
 * `waitFor` resolves when a line matching a pattern appears, so a test can act mid-run (kill a browser,
 * send SIGTERM) at the right moment.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { RunRecord } from '../../results/run-record.ts';

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliProcess {
  child: ChildProcess;
  done: Promise<CliResult>;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  output(): string;
}

const BIN = path.resolve('bin/meetbench.js');

export function startCli(args: string[], options: { dataDir?: string; env?: Record<string, string>; cwd?: string } = {}): CliProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, ...(options.dataDir ? { MEETBENCH_DATA: options.dataDir } : {}), ...options.env };
  delete env.MEETBENCH_NO_SKIP;
  const child = spawn(process.execPath, [BIN, ...args], { env, cwd: options.cwd ?? process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const listeners: Array<() => void> = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const l of [...listeners]) l();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const l of [...listeners]) l();
  });
  const done = new Promise<CliResult>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  const output = (): string => `${stdout}${stderr}`;
  const waitFor = (pattern: RegExp, timeoutMs = 120_000): Promise<string> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const match = output().match(pattern);
        if (match) {
          clearTimeout(timer);
          listeners.splice(listeners.indexOf(check), 1);
          resolve(match[0]);
        }
      };
      const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${output().slice(-3000)}`)), timeoutMs);
      listeners.push(check);
      void done.then(() => {
        if (listeners.includes(check)) {
          check();
          if (listeners.includes(check)) {
            clearTimeout(timer);
            reject(new Error(`the CLI exited before printing ${pattern}; output:\n${output().slice(-3000)}`));
          }
        }
      });
      check();
    });
  return { child, done, waitFor, output };
}

export async function runCli(args: string[], options: { dataDir?: string; env?: Record<string, string>; cwd?: string } = {}): Promise<CliResult> {
  return startCli(args, options).done;
}

/**
 * `meetbench run FILE` for a test that measures: a saturated runner makes the trial `inconclusive` (exit 4)
 * and its numbers describe the machine, not the platform, so the test says so and runs the trial once
 * more rather than failing on a busy machine. A second inconclusive run is returned as it is: the caller
 * accepts exit 4 and its assertions then read that run (the report's `latest`).
 */
export async function runMeasuredScenario(file: string, options: { dataDir: string; env?: Record<string, string>; extraArgs?: string[] }): Promise<CliResult> {
  const run = (): Promise<CliResult> => runCli(['run', file, ...(options.extraArgs ?? [])], options);
  const first = await run();
  if (first.code !== 4) return first;
  // the trial's reason line of the summary, e.g. "janus-lan-r1: runner CPU averaged 91 % of 2 cores ..."
  const reason = `${first.stdout}\n${first.stderr}`.match(/: (runner CPU [^\n]*|one thread of [^\n]*|the trial was interrupted[^\n]*)/)?.[1] ?? 'inconclusive';
  process.stdout.write(`the runner was saturated (${reason.slice(0, 200)}): running the trial once more\n`);
  return run();
}

/**
 * A scenario written into `dataDir` and run as a measuring test runs it (runMeasuredScenario): no stack
 * trace, passed or inconclusive (a saturated runner), and the stored run record.
 */
export async function measureScenario(dataDir: string, name: string, yaml: string): Promise<{ result: CliResult; run: RunRecord }> {
  const file = path.join(dataDir, `${name}.yaml`);
  writeFileSync(file, yaml);
  const result = await runMeasuredScenario(file, { dataDir });
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect([0, 4], `exit ${result.code}\n${result.stdout}\n${result.stderr.slice(-2000)}`).toContain(result.code);
  const run = JSON.parse((await runCli(['report', 'latest', '--format', 'json'], { dataDir })).stdout) as RunRecord;
  return { result, run };
}
