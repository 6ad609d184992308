/**
 * Fault catalogue, lab:carbonio (the reconstruction of Carbonio's media plane), through the real CLI:
 * - L1: Janus without its AudioBridge plugin (a module folder without it, MEETBENCH_JANUS_LIB_DIR):
 *   `doctor` says so with the fix, and a run on lab:carbonio is refused with that fix before anything
 *   is created (exit 3);
 * - L2: the meeting service holds a wrong api_secret: Janus's refusal reaches the trial, `broken` with
 *   the reason (exit 3);
 * - L3: the meeting service killed mid-trial: the participants still to join fail naming the step, and
 *   nothing is left behind: their browsers and namespaces are gone, and the next lab start reaps the
 *   broken lab (its Janus included).
 */
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findJanusLibDir } from '../../harness/lab/janus.ts';
import { installCleanupHandlers, labDown, labUp, type LabState } from '../../harness/lab/index.ts';
import { isAlive } from '../../harness/system/processes.ts';
import type { RunRecord } from '../../results/run-record.ts';
import { labMissing, shouldSkip } from '../helpers/requirements.ts';
import { runCli, startCli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { browsersTagged, participantNamespaces } from '../helpers/our-processes.ts';
import { recordFault } from './helpers/fault-record.ts';

const TEST = 'test/faults/carbonio-lab.faults.test.ts';
const skip = shouldSkip(TEST, "faults of Carbonio's media plane on the lab", labMissing());
const noStack = (text: string): boolean => !/\n\s+at /.test(text);

describe.skipIf(skip)('lab:carbonio faults', () => {
  const dir = tempDir('mb-faults-carbonio-');
  const labDir = path.join(dir, 'lab');
  let lab: LabState | null = null;
  const uninstall = installCleanupHandlers();

  afterAll(async () => {
    if (lab) await labDown(labDir).catch(() => undefined);
    uninstall();
  });

  function scenario(name: string, count: number, rampUpMs: number, durationS: number): string {
    const file = path.join(dir, `${name}.yaml`);
    writeFileSync(
      file,
      `name: ${name}
platforms:
  - { id: carbonio, adapter: zimbra-connect, url: "lab:carbonio", options: { login: false, meetings: "${name}-{room}" } }
participants: { count: ${count}, rampUpMs: ${rampUpMs}, media: { width: 160, height: 90, fps: 10, microphone: generated } }
durationS: ${durationS}
warmupS: 1
timeouts: { joinMs: 15000 }
`,
    );
    return file;
  }

  const report = async (dataDir: string): Promise<RunRecord> =>
    JSON.parse((await runCli(['report', 'latest', '--format', 'json'], { dataDir })).stdout) as RunRecord;

  it('L1: without the AudioBridge plugin, doctor says so and lab:carbonio is refused with the fix', async () => {
    // Janus's module folder as Debian ships it, less the AudioBridge
    const modules = path.join(dir, 'janus-modules');
    const real = findJanusLibDir()!;
    mkdirSync(modules, { recursive: true });
    for (const sub of ['transports', 'events', 'loggers']) symlinkSync(path.join(real, sub), path.join(modules, sub), 'dir');
    mkdirSync(path.join(modules, 'plugins'), { recursive: true });
    for (const f of readdirSync(path.join(real, 'plugins')).filter((n) => !n.startsWith('libjanus_audiobridge')))
      symlinkSync(path.join(real, 'plugins', f), path.join(modules, 'plugins', f));
    const env = { MEETBENCH_JANUS_LIB_DIR: modules };

    const doctor = await runCli(['doctor', '--json'], { dataDir: path.join(dir, 'doctor'), env });
    const row = (JSON.parse(doctor.stdout) as Array<{ label: string; status: string; detail: string; hint: string | null }>).find((r) =>
      r.label.includes('lab:carbonio'),
    )!;
    const run = await runCli(['run', scenario('no-audiobridge', 2, 300, 2)], { dataDir: path.join(dir, 'no-audiobridge'), env });
    // refused before the lab: no lab progress, no participant placed (other runs' namespaces may come and go meanwhile)
    const started = /lab: |participant\(s\) joining/.test(run.stdout + run.stderr);
    const ok =
      row.status === 'missing' &&
      /AudioBridge/.test(row.detail) &&
      run.code === 3 &&
      /apt-get install --reinstall -y janus/.test(run.stderr) &&
      noStack(run.stderr) &&
      !started;
    recordFault({
      id: 'L1',
      part: 'lab-runner',
      case: 'lab:carbonio on a Janus without its AudioBridge plugin',
      trials: 2,
      survived: (row.status === 'missing' ? 1 : 0) + (run.code === 3 && noStack(run.stderr) ? 1 : 0),
      lost: 0,
      figure: `doctor: ${row.status}, "${row.detail}" (fix: ${row.hint}); run: exit ${run.code}, "${run.stderr.match(/lab:carbonio[^\n]*/)?.[0] ?? run.stderr.trim().split('\n').pop()}", ${started ? 'the lab or participants were started' : 'nothing started'}`,
      test: TEST,
    });
    expect(ok, `${doctor.stdout}\n${run.stderr}`).toBe(true);
    expect(row.hint).toContain('apt-get install --reinstall -y janus');
    expect(run.stderr).toMatch(/lab:carbonio cannot run on this machine: .*no AudioBridge plugin/);
    expect(started, run.stdout).toBe(false);
  });

  it("L2: a meeting service with a wrong api_secret: the trial is broken, with Janus's reason", async () => {
    lab = (await labUp({ dataDir: labDir, platforms: ['carbonio'], reuse: false, waitMs: 600_000 })).state;
    const secretFile = lab.platforms.find((p) => p.id === 'carbonio')!.endpoints!.extra.secretFile!;
    const secret = readFileSync(secretFile, 'utf8');
    writeFileSync(secretFile, 'not-the-video-servers-secret\n');
    const dataDir = path.join(dir, 'wrong-secret');
    let result;
    try {
      result = await runCli(['run', scenario('wrong-secret', 2, 300, 2)], { dataDir });
    } finally {
      writeFileSync(secretFile, secret);
    }
    const trial = (await report(dataDir)).trials[0]!;
    const ok = result.code === 3 && trial.verdict === 'broken' && /wrong or missing secret/.test(trial.reason ?? '') && noStack(result.stderr);
    recordFault({
      id: 'L2',
      part: 'lab-runner',
      case: 'the meeting service holds a wrong api_secret',
      trials: 1,
      survived: ok ? 1 : 0,
      lost: 0,
      figure: `exit ${result.code}, trial ${trial.verdict}: "${trial.reason}"`,
      test: TEST,
    });
    expect(result.code, result.stdout + result.stderr).toBe(3);
    expect(trial.verdict).toBe('broken');
    expect(trial.reason).toMatch(/enter-meeting: .*Unauthorized request \(wrong or missing secret\/token\)/);
    expect(trial.participants.every((p) => p.errorStep === 'enter-meeting')).toBe(true);
  }, 700_000);

  /**
   * Where a participant still to join fails once the service is dead: opening the meeting (nobody answers),
   * or, when another process's lab start has meanwhile reaped the broken lab (a dead server makes it
   * stale, for any next start on this machine), launching its browser in a namespace that was removed.
   */
  const BEFORE_THE_SERVICE = ['open-meeting', 'launch'];

  it('L3: the meeting service killed mid-trial: those still joining fail naming the step, nothing is left behind', async () => {
    const tag = `carbkill${process.pid}`;
    const service = lab!.platforms.find((p) => p.id === 'carbonio')!.processes[1]!;
    const janus = lab!.platforms.find((p) => p.id === 'carbonio')!.processes[0]!;
    const before = participantNamespaces();
    const dataDir = path.join(dir, 'killed');
    // joins 4 s apart: the service dies after the first participant is in, before the others come
    const cli = startCli(['run', scenario('killed', 3, 4000, 3)], { dataDir, env: { MEETBENCH_PROFILE_TAG: tag } });
    await cli.waitFor(/bench1 joined in/, 120_000);
    process.kill(service.pid, 'SIGKILL');
    const result = await cli.done;
    const trial = (await report(dataDir)).trials[0]!;
    const late = trial.participants.filter((p) => p.name !== 'bench1');
    const leftBrowsers = browsersTagged(tag).length;
    const leftNamespaces = participantNamespaces().filter((n) => !before.includes(n));
    // the next lab start (this one, or another process's) finds the lab broken, its service dead, and reaps all of it, Janus included
    const next = await labUp({ dataDir: labDir, platforms: ['carbonio'], reuse: true, waitMs: 600_000 });
    lab = next.state;
    const fresh = lab.platforms.find((p) => p.id === 'carbonio')!.processes[0]!;
    const reaped = !isAlive(janus.pid) && !isAlive(service.pid) && fresh.pid !== janus.pid;
    const ok =
      late.every((p) => !p.joined && BEFORE_THE_SERVICE.includes(p.errorStep ?? '')) &&
      leftBrowsers === 0 &&
      leftNamespaces.length === 0 &&
      reaped &&
      noStack(result.stderr);
    recordFault({
      id: 'L3',
      part: 'lab-runner',
      case: 'the meeting service killed mid-trial',
      trials: late.length,
      survived: ok ? late.length : 0,
      lost: leftBrowsers + leftNamespaces.length,
      figure:
        `bench1 ${trial.participants[0]!.joined ? 'joined' : 'did not join'} before the kill; ${late.map((p) => `${p.name} failed at ${p.errorStep}: ${p.error}`).join('; ')}; ` +
        `exit ${result.code}, trial ${trial.verdict}; ${leftBrowsers} browsers and ${leftNamespaces.length} participant namespaces left; next lab start: old Janus ${isAlive(janus.pid) ? 'still alive' : 'gone'}, a new one (pid ${fresh.pid})${next.reaped.length > 0 ? `, reaped ${next.reaped.join(', ')}` : ', the broken lab already reaped by another start'}`,
      test: TEST,
    });
    expect(trial.participants[0]!.joined).toBe(true);
    for (const p of late) {
      expect(p.joined).toBe(false);
      expect(BEFORE_THE_SERVICE, `${p.name}: ${p.error}`).toContain(p.errorStep);
      if (p.errorStep === 'open-meeting') expect(p.error).toMatch(/ERR_CONNECTION_REFUSED/);
    }
    expect(leftBrowsers).toBe(0);
    expect(leftNamespaces).toEqual([]);
    expect(reaped, `old Janus ${janus.pid}, new ${fresh.pid}, reaped: ${next.reaped.join(', ')}`).toBe(true);
  }, 700_000);
});
