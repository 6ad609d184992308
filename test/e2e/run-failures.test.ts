/**
 * Failure paths of a run, with real parts: a platform whose web server accepts connections and never
 * answers, a participant browser killed during the measurement, and SIGTERM to the runner mid-run.
 * Each time the run finishes (or stops cleanly), says why, and leaves no browser or namespace behind.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../results/run-record.ts';
import { labMissing, shouldSkip } from '../helpers/requirements.ts';
import { runCli, startCli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const skip = shouldSkip('test/e2e/run-failures.test.ts', 'failure paths on the lab Janus', labMissing());

function writeScenario(dir: string, body: string): string {
  const file = path.join(dir, `scenario-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, body);
  return file;
}

async function latest(dataDir: string): Promise<RunRecord> {
  const result = await runCli(['report', 'latest', '--format', 'json'], { dataDir, env });
  return JSON.parse(result.stdout) as RunRecord;
}

/** Chromium processes of meetbench participants (their profile dirs are named meetbench-profile-*). */
const TAG = `fail${process.pid}`;
const env = { MEETBENCH_PROFILE_TAG: TAG };

function participantBrowsers(): number[] {
  try {
    return execFileSync('pgrep', ['-f', '--', `--user-data-dir=/tmp/meetbench-profile-${TAG}-`], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** The browser main process of one participant: the one without --type=. */
function mainBrowserPids(): number[] {
  return participantBrowsers().filter((pid) => {
    try {
      return !execFileSync('cat', [`/proc/${pid}/cmdline`], { encoding: 'utf8' }).includes('--type=');
    } catch {
      return false;
    }
  });
}

function participantNamespaces(): string[] {
  return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.split(' ')[0] ?? '')
    .filter((n) => /^mb-p\d+$/.test(n));
}

const TWO_PARTICIPANTS = `participants:
  count: 2
  rampUpMs: 300
`;

describe.skipIf(skip)('a run whose platforms misbehave', () => {
  const dataDir = tempDir('mb-fail-');

  /** Starts a 2-participant run on the lab Janus and returns once it measures, with its namespaces. */
  async function measuringOnJanus(name: string, durationS: number): Promise<{ cli: ReturnType<typeof startCli>; ours: string[] }> {
    const file = writeScenario(
      dataDir,
      `name: ${name}\nplatforms:\n  - { id: janus, adapter: janus-videoroom, url: "lab:janus" }\n${TWO_PARTICIPANTS}durationS: ${durationS}\nwarmupS: 1\n`,
    );
    const before = participantNamespaces();
    const cli = startCli(['run', file], { dataDir, env });
    await cli.waitFor(/then measuring/);
    const ours = participantNamespaces().filter((n) => !before.includes(n));
    expect(ours.length).toBeGreaterThanOrEqual(2);
    return { cli, ours };
  }
  let silent: Server;
  const sockets: Socket[] = [];
  let port = 0;

  beforeAll(async () => {
    // a web server that accepts the connection and never sends a byte
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    port = (silent.address() as { port: number }).port;
  });
  afterAll(() => {
    for (const s of sockets) s.destroy();
    silent.close();
  });

  it('fails the platform that never answers within the join timeout, and still measures the other', async () => {
    const file = writeScenario(
      dataDir,
      `name: never-answers
platforms:
  - id: silent
    adapter: janus-videoroom
    url: http://127.0.0.1:${port}
  - id: janus
    adapter: janus-videoroom
    url: lab:janus
${TWO_PARTICIPANTS}durationS: 4
warmupS: 1
# long enough for the lab Janus's joins on a busy 2-core machine (6 s was not, once), short for the test
timeouts: { joinMs: 20000 }
`,
    );
    const started = Date.now();
    const result = await runCli(['run', file], { dataDir, env });
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(3); // broken: the silent platform could not be measured at all
    const run = await latest(dataDir);
    expect(run.status).toBe('complete');
    const silentTrial = run.trials.find((t) => t.platform === 'silent')!;
    expect(silentTrial.verdict).toBe('broken');
    expect(silentTrial.reason).toMatch(/no participant joined: bench\d failed at navigate/);
    for (const p of silentTrial.participants) {
      expect(p.joined).toBe(false);
      expect(p.errorStep).toBe('navigate');
      expect(p.error).toMatch(/127\.0\.0\.1/);
    }
    const janus = run.trials.find((t) => t.platform === 'janus')!;
    expect(janus.participants.filter((p) => !p.joined).map((p) => `${p.name}: ${p.errorStep}: ${p.error}`)).toEqual([]);
    // two joins bounded by 20 s each, side by side, plus the Janus trial: far from hanging
    expect(Date.now() - started).toBeLessThan(90_000);
    expect(participantBrowsers()).toEqual([]);
  });

  it('marks a participant whose browser is killed mid-trial, and finishes the run', async () => {
    const { cli, ours } = await measuringOnJanus('killed-browser', 10);
    const victims = mainBrowserPids();
    expect(victims.length).toBeGreaterThanOrEqual(2);
    process.kill(victims[0]!, 'SIGKILL');
    const result = await cli.done;
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const run = await latest(dataDir);
    expect(run.status).toBe('complete');
    const trial = run.trials[0]!;
    // failed (a participant was lost), or inconclusive when the runner was saturated: never passed
    expect(result.code).toBe(trial.runner.saturated ? 4 : 1);
    expect(trial.verdict).toBe(trial.runner.saturated ? 'inconclusive' : 'failed');
    const crashed = trial.participants.filter((p) => p.errorStep === 'browser-crashed');
    expect(crashed).toHaveLength(1);
    expect(crashed[0]!.error).toMatch(/browser disappeared/);
    expect(trial.participants.filter((p) => p.error === null)).toHaveLength(1);
    expect(participantBrowsers()).toEqual([]);
    expect(participantNamespaces().filter((n) => ours.includes(n))).toEqual([]);
  });

  it('stops cleanly on SIGTERM: browsers closed, namespaces removed, the run stored as incomplete', async () => {
    const { cli, ours } = await measuringOnJanus('sigterm', 60);
    cli.child.kill('SIGTERM');
    const result = await cli.done;
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/SIGTERM: stopping/);
    const run = await latest(dataDir);
    expect(run.source).toMatch(/^scenario-/);
    expect(run.status).toBe('incomplete');
    expect(run.verdict).toBe('inconclusive');
    expect(run.trials[0]!.reason).toMatch(/interrupted/);
    expect(participantBrowsers()).toEqual([]);
    expect(participantNamespaces().filter((n) => ours.includes(n))).toEqual([]);
  });
});
