/**
 * Fault catalogue, LiveKit in the lab (the real server built from its Go module, the real CLI):
 *   LK1 a forged and an expired token: the join fails at the step that shows it, in LiveKit's own words,
 *      and the token never appears in the record;
 *   LK2 LiveKit killed mid-trial: its participants fail at "in-meeting" with the room's own state, the
 *      trial is not passed, and nothing of the run is left once the lab is down;
 *   LK3 LiveKit's port taken at lab start: a clear error naming the port, exit 3, no stack, nothing left.
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installCleanupHandlers, labDown, labUp, type LabState } from '../../harness/lab/index.ts';
import { LIVEKIT_PORTS } from '../../harness/lab/livekit/livekit-config.ts';
import { labLivekitKeys } from '../../harness/lab/livekit/livekit.ts';
import { mintRoomToken } from '../../harness/lab/livekit/livekit-tokens.ts';
import { isAlive } from '../../harness/system/processes.ts';
import type { RunRecord } from '../../results/run-record.ts';
import { labMissing, livekitBlocked, livekitMissing, shouldSkip } from '../helpers/requirements.ts';
import { runCli, startCli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { browsersTagged, labNamespaces } from '../helpers/our-processes.ts';
import { recordFault } from './helpers/fault-record.ts';

const TEST = 'test/faults/livekit.faults.test.ts';
const skip = shouldSkip(TEST, 'faults of the lab LiveKit', labMissing() ?? livekitMissing(), { blocked: labMissing() === null && livekitBlocked() });
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function report(dataDir: string): Promise<RunRecord> {
  return JSON.parse((await runCli(['report', 'latest', '--format', 'json'], { dataDir })).stdout) as RunRecord;
}

describe.skipIf(skip)('LiveKit faults', () => {
  const uninstall = installCleanupHandlers();
  afterAll(() => uninstall());

  describe('a lab LiveKit for the token and kill cases', () => {
    const dataDir = tempDir('mb-faults-livekit-');
    let state: LabState;
    let reused = true;

    beforeAll(async () => {
      const up = await labUp({ dataDir, platforms: ['livekit'], waitMs: 240_000, reuse: false });
      state = up.state;
      reused = up.reused;
    }, 300_000);

    afterAll(async () => {
      if (!reused) await labDown(dataDir).catch(() => undefined);
    });

    it('LK1: a forged and an expired token fail at "connect" with LiveKit\'s words, the token itself never recorded', async () => {
      const record = state.platforms.find((p) => p.id === 'livekit')!;
      const keys = labLivekitKeys(record.endpoints!)!;
      const forged = await mintRoomToken({ apiKey: keys.apiKey, apiSecret: `${keys.apiSecret}forged` }, { room: 'meetbench-1', identity: 'bench1' });
      const expired = await mintRoomToken(keys, { room: 'meetbench-1', identity: 'bench1', ttlS: -60 });
      const platform = (id: string, env: string): string =>
        `  - { id: ${id}, adapter: livekit-meet, url: "lab:livekit", options: { mode: token, serverUrl: "${record.endpoints!.extra.serverUrl}", tokenEnv: ${env} } }`;
      const file = path.join(dataDir, 'tokens.yaml');
      writeFileSync(
        file,
        `name: tokens\nplatforms:\n${platform('forged', 'MB_FAULT_FORGED')}\n${platform('expired', 'MB_FAULT_EXPIRED')}\nparticipants: { count: 1 }\ndurationS: 2\nwarmupS: 0\ntimeouts: { joinMs: 20000 }\n`,
      );
      const result = await runCli(['run', file], { dataDir, env: { MB_FAULT_FORGED: forged, MB_FAULT_EXPIRED: expired } });
      const run = await report(dataDir);
      const [onForged, onExpired] = run.trials.map((t) => t.participants[0]!);
      const text = JSON.stringify(run) + result.stdout + result.stderr;
      const words = {
        forged: /invalid token: \*\*\*, error: token signature is invalid/,
        expired: /invalid token: \*\*\*, error: token has invalid claims: token is expired/,
      };
      const ok =
        onForged?.errorStep === 'connect' &&
        words.forged.test(onForged.error ?? '') &&
        onExpired?.errorStep === 'connect' &&
        words.expired.test(onExpired.error ?? '') &&
        !text.includes(forged) &&
        !text.includes(expired);
      recordFault({
        id: 'LK1',
        part: 'browser-platform',
        case: 'forged or expired LiveKit token',
        trials: 2,
        survived: ok ? 2 : 0,
        lost: 0,
        figure: `forged: ${onForged?.errorStep}: ${onForged?.error}; expired: ${onExpired?.errorStep}: ${onExpired?.error}; exit ${result.code}`,
        test: TEST,
      });
      // nobody joined: broken, exit 3, and no stack trace
      expect(result.code).toBe(3);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(run.trials.map((t) => t.verdict)).toEqual(['broken', 'broken']);
      expect(onForged!.errorStep).toBe('connect');
      expect(onForged!.error).toMatch(words.forged);
      expect(onExpired!.errorStep).toBe('connect');
      expect(onExpired!.error).toMatch(words.expired);
      expect(text.includes(forged) || text.includes(expired), 'a token appears in the record or the output').toBe(false);
    }, 180_000);

    it('LK2: LiveKit killed mid-trial: its participants fail at "in-meeting", the trial is not passed, nothing left behind', async () => {
      const tag = `lkkill${process.pid}`;
      const file = path.join(dataDir, 'kill.yaml');
      writeFileSync(
        file,
        'name: kill\nplatforms:\n  - { id: livekit, adapter: livekit-meet, url: "lab:livekit" }\nparticipants: { count: 2, rampUpMs: 300, media: { width: 160, height: 120, fps: 10 } }\ndurationS: 20\nwarmupS: 1\n',
      );
      const before = labNamespaces();
      const cli = startCli(['run', file], { dataDir, env: { MEETBENCH_PROFILE_TAG: tag } });
      await cli.waitFor(/then measuring/, 180_000);
      const participants = labNamespaces().filter((n) => !before.includes(n));
      const server = state.platforms.find((p) => p.id === 'livekit')!.processes[0]!.pid;
      await sleep(3000);
      process.kill(server, 'SIGKILL');
      const result = await cli.done;
      // the trial removed its participants' namespaces; read at once: another lab may reuse the names later
      const leftParticipants = labNamespaces().filter((n) => participants.includes(n));
      const run = await report(dataDir);
      const trial = run.trials[0]!;
      // a lab whose server died is stale: another process waiting for the lab (a shared machine) may have
      // reaped it already, participants' namespaces and browsers with it
      let reapedByAnother = false;
      await labDown(dataDir).catch((error: unknown) => {
        if ((error as { code?: string }).code !== 'NOT_FOUND') throw error;
        reapedByAnother = true;
      });
      reused = true;
      const left = {
        browsers: browsersTagged(tag).length,
        namespaces: [...leftParticipants, ...labNamespaces().filter((n) => n === 'mb-livekit')],
        server: isAlive(server),
      };
      const steps = trial.participants.map((p) => `${p.name} ${p.errorStep}: ${p.error}`);
      const acceptedSteps = reapedByAnother ? ['in-meeting', 'browser-crashed'] : ['in-meeting'];
      const ok =
        trial.verdict !== 'passed' &&
        trial.participants.every((p) => acceptedSteps.includes(p.errorStep ?? '')) &&
        left.browsers === 0 &&
        left.namespaces.length === 0 &&
        !left.server;
      recordFault({
        id: 'LK2',
        part: 'lab-runner',
        case: 'LiveKit killed mid-trial',
        trials: 1,
        survived: ok ? 1 : 0,
        lost: left.browsers + left.namespaces.length,
        figure: `trial ${trial.verdict} (exit ${result.code}): ${steps.join('; ')}; left after the lab went down: ${left.browsers} browsers, namespaces [${left.namespaces.join(' ')}]${reapedByAnother ? ' (the stale lab was reaped by another process first)' : ''}`,
        test: TEST,
      });
      // failed; or inconclusive when the runner was saturated too (that verdict comes first): never passed
      expect([1, 4]).toContain(result.code);
      expect(['failed', 'inconclusive']).toContain(trial.verdict);
      for (const p of trial.participants) {
        expect(p.joined).toBe(true);
        if (reapedByAnother && p.errorStep === 'browser-crashed') continue;
        expect(p.errorStep).toBe('in-meeting');
        expect(p.error).toMatch(/left the meeting during the measurement on livekit: the room's state is "(reconnecting|signalReconnecting|disconnected)"/);
      }
      expect(left).toEqual({ browsers: 0, namespaces: [], server: false });
    }, 300_000);
  });

  it("LK3: LiveKit's port taken at lab start: a clear error naming the port, exit 3, nothing left", async () => {
    const dataDir = tempDir('mb-faults-livekit-port-');
    let attempt = 0;
    let result: Awaited<ReturnType<typeof runCli>> | null = null;
    let squatted = false;
    // something else listens on LiveKit's port in its namespace: taken between the namespace's creation
    // and LiveKit's start (the lab is stopped for that moment), as a stray server there would be
    while (!squatted && attempt < 3) {
      attempt += 1;
      const cli = startCli(['lab', 'up', '--platforms', 'livekit', '--wait', '240', '--no-reuse'], { dataDir });
      const deadline = Date.now() + 280_000;
      while (!existsSync('/run/netns/mb-livekit') && Date.now() < deadline && cli.child.exitCode === null) await sleep(2);
      if (cli.child.exitCode === null) cli.child.kill('SIGSTOP');
      // `ip netns add` (its own process) finishes mounting the namespace while the lab is stopped
      await sleep(200);
      const squatter = spawn(
        'ip',
        [
          'netns',
          'exec',
          'mb-livekit',
          process.execPath,
          '-e',
          `require('net').createServer().listen(${LIVEKIT_PORTS.http}, '0.0.0.0', () => console.log('listening')).on('error', (e) => { console.log(e.code); process.exit(1); })`,
        ],
        { stdio: ['ignore', 'pipe', 'ignore'] },
      );
      const said = await new Promise<string>((resolve) =>
        squatter.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())).once('close', () => resolve('closed')),
      );
      squatted = said === 'listening';
      cli.child.kill('SIGCONT');
      result = await cli.done;
      squatter.kill('SIGKILL');
      if (!squatted) await runCli(['lab', 'down'], { dataDir });
    }
    const left = labNamespaces().filter((n) => n === 'mb-livekit' || n === 'mb-coturn');
    const stderr = result?.stderr ?? '';
    const clear = /LiveKit \(pid \d+\) exited while starting in mb-livekit: its TCP port 10\.99\.0\.5:7880 is taken by another process in the namespace/.test(
      stderr,
    );
    recordFault({
      id: 'LK3',
      part: 'lab-runner',
      case: "LiveKit's port taken at lab start",
      trials: 1,
      survived: squatted && clear && result?.code === 3 && left.length === 0 ? 1 : 0,
      lost: left.length,
      figure: `exit ${result?.code}: ${stderr.split('\n').find((l) => l.includes('LiveKit')) ?? stderr.slice(0, 300)}; namespaces left: [${left.join(' ')}]`,
      test: TEST,
    });
    expect(squatted, 'the port could be taken before LiveKit started').toBe(true);
    expect(result!.code).toBe(3);
    expect(stderr).toMatch(
      /LiveKit \(pid \d+\) exited while starting in mb-livekit: its TCP port 10\.99\.0\.5:7880 is taken by another process in the namespace/,
    );
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(left).toEqual([]);
  }, 900_000);
});
