/**
 * Two nights on one data directory, for real: two `meetbench nightly` started together, one runs and the
 * other exits at once with "already running"; the runner is then killed with SIGKILL in mid-trial (no
 * handler runs: its lock, its `running` run, its browsers and namespaces are left behind); the next night
 * takes the lock over, marks the killed run aborted, and runs. Leftover browsers and namespaces are the
 * lab reaper's job; the global teardown fails the suite if any is left.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../results/store/open-store.ts';
import { labMissing, shouldSkip } from '../helpers/requirements.ts';
import { runCli, startCli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const skip = shouldSkip('test/e2e/nightly-lock.test.ts', 'two nightly processes on one data dir', labMissing());

const scenario = (durationS: number): string => `name: call
platforms:
  - { id: janus, adapter: janus-videoroom, url: "lab:janus" }
participants: { count: 2, rampUpMs: 300, media: { width: 160, height: 120, fps: 10 } }
durationS: ${durationS}
warmupS: 1
`;

describe.skipIf(skip)('one night at a time', () => {
  it('refuses the second, survives a kill -9 of the first, and marks its run aborted', async () => {
    const dir = tempDir('mb-nightly-lock-');
    const dataDir = path.join(dir, 'data');
    writeFileSync(path.join(dir, 'long.yaml'), scenario(60));
    writeFileSync(path.join(dir, 'short.yaml'), scenario(2));
    writeFileSync(path.join(dir, 'long-suite.yaml'), 'name: lock-night\nscenarios: [long.yaml]\nrepeats: 1\n');
    writeFileSync(path.join(dir, 'short-suite.yaml'), 'name: lock-night\nscenarios: [short.yaml]\nrepeats: 1\n');

    const first = startCli(['nightly', path.join(dir, 'long-suite.yaml')], { dataDir });
    const second = startCli(['nightly', path.join(dir, 'long-suite.yaml')], { dataDir });
    // whichever loses the race exits at once with exit 3
    const loser = await Promise.race([first.done.then((r) => ({ r, winner: second })), second.done.then((r) => ({ r, winner: first }))]);
    expect(loser.r.code, loser.r.stderr).toBe(3);
    expect(loser.r.stderr).toMatch(/already running \(pid \d+, since \d{4}-\d\d-\d\dT[\d:.]+Z\): meetbench nightly /);
    const winner = loser.winner;
    const pid = winner.child.pid!;
    expect(loser.r.stderr).toContain(`(pid ${pid},`);

    // mid-measurement: browsers up, run stored as running
    await winner.waitFor(/measuring 60 s/, 150_000);
    const store = await openStore(dataDir);
    const killedRun = (await store.allRuns())[0]!;
    expect(killedRun.status).toBe('running');
    winner.child.kill('SIGKILL');
    await winner.done;
    expect(JSON.parse(readFileSync(path.join(dataDir, 'run.lock'), 'utf8')).pid).toBe(pid);

    const next = await runCli(['nightly', path.join(dir, 'short-suite.yaml')], { dataDir });
    const context = `exit ${next.code}\n${next.stdout}\n${next.stderr.slice(-3000)}`;
    expect(next.stderr, context).toContain(`took over the run lock of pid ${pid}`);
    expect(next.stderr, context).toContain(`marked its run ${killedRun.id} aborted`);
    expect([0, 4], context).toContain(next.code);
    const aborted = await store.getRun(killedRun.id);
    expect(aborted).toMatchObject({ status: 'aborted', verdict: 'broken' });
    expect(aborted?.reason).toMatch(new RegExp(`pid ${pid}.*died without finishing`));
    const runs = await store.allRuns();
    expect(runs.map((r) => r.status)).toEqual(['aborted', 'complete']);
    expect(existsSync(path.join(dataDir, 'run.lock'))).toBe(false);
  }, 400_000);
});
