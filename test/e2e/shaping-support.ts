/** Shared by the shaping e2e tests: write a scenario, run it through the real CLI, read the report and samples. */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { RunRecord, Sample } from '../../results/run-record.ts';
import { runCli, runMeasuredScenario, type CliResult } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { tbfArgs } from '../../harness/network/shaping-commands.ts';

/** `remove` frees the folder early; test/helpers/temp-dir.ts removes it after the file's tests anyway (a failed test never reaches `remove`) */
export function tempDataDir(prefix: string): { dir: string; remove: () => void } {
  const dir = tempDir(`mb-${prefix}-`);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeScenario(dir: string, name: string, body: string): string {
  const file = path.join(dir, `${name}.yaml`);
  writeFileSync(file, body);
  return file;
}

/** how long a shaping test waits for another suite's lab (the machine is shared); tests give themselves this much more time */
export const LAB_WAIT_MS = 10 * 60_000;

export async function runScenarioCli(dataDir: string, file: string): Promise<CliResult> {
  // one lab per machine: the run itself waits for another suite's lab to go (MEETBENCH_LAB_WAIT_S, set
  // for every test in vitest.config.ts)
  const result = await runMeasuredScenario(file, { dataDir });
  expect(result.stderr, 'no stack trace').not.toMatch(/\n\s+at /);
  // passed, or inconclusive when this shared runner was saturated: never failed or broken
  expect([0, 4], `exit ${result.code}\n${result.stdout}\n${result.stderr.slice(-3000)}`).toContain(result.code);
  return result;
}

export async function latestReport(dataDir: string): Promise<RunRecord> {
  const result = await runCli(['report', 'latest', '--format', 'json'], { dataDir });
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as RunRecord;
}

export function trialSamples(dataDir: string, run: RunRecord, trialIndex = 0): Sample[] {
  const file = run.trials[trialIndex]?.samplesFile;
  if (!file) return [];
  return readFileSync(path.join(dataDir, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Sample);
}

export const ofParticipant = (samples: Sample[], name: string): Sample[] => samples.filter((s) => s.participant === name).sort((a, b) => a.t - b.t);

export function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

/**
 * The most a one-second window of the kernel counters may carry through a tbf rate cap: the rate, plus
 * the bucket that was full when the window began (tbf lets a whole burst through at once), plus 3 % for
 * the timing of the one-second reads. At 300 kbit/s the burst is 5000 bytes: 40 kbit in one second.
 */
export function perSecondCeilingKbps(rateKbps: number): number {
  const args = tbfArgs(rateKbps);
  const burstBytes = Number(args[args.indexOf('burst') + 1]);
  return (rateKbps + (burstBytes * 8) / 1000) * 1.03;
}
