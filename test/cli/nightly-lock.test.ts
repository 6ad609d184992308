/**
 * The run lock through the real CLI. `meetbench run` checks its files first, then takes the lock; the
 * scenario here is valid but points at a closed port on 127.0.0.1, so once the lock is taken the run is
 * short (one browser, a refused connection) and ends broken (exit 3).
 *  - a live holder: exit 3 at once, "already running (pid N, since T)";
 *  - a dead holder: the lock is taken over and the run it left `running` is marked `aborted`;
 *  - a reused pid (alive, but started at another time than recorded): taken over too.
 */
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTicksOf } from '../../harness/system/processes.ts';
import { openStore } from '../../results/store/open-store.ts';
import { runCli } from '../helpers/run-cli.ts';
import { makeRun } from '../helpers/run-factory.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const sleepers: number[] = [];
afterEach(() => {
  for (const pid of sleepers.splice(0)) process.kill(pid, 'SIGKILL');
});

function writeLock(dataDir: string, holder: { pid: number; startTicks: number | null; startedAt: string; command: string }): void {
  writeFileSync(path.join(dataDir, 'run.lock'), JSON.stringify(holder));
}

/** A valid scenario whose only participant fails at once: connection refused on 127.0.0.1. */
function quickScenario(dataDir: string): string {
  const file = path.join(dataDir, 'refused.yaml');
  writeFileSync(
    file,
    'name: refused\nplatforms:\n  - { id: closed, adapter: janus-videoroom, url: "http://127.0.0.1:9" }\nparticipants: { count: 1 }\ndurationS: 1\nwarmupS: 0\ntimeouts: { joinMs: 3000 }\n',
  );
  return file;
}

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid!;
}

describe('one run at a time per data directory', () => {
  it('a second process exits at once with "already running (pid N, since T)", exit 3', async () => {
    const dataDir = tempDir('mb-lock-');
    const sleeper = spawn('sleep', ['60']);
    sleepers.push(sleeper.pid!);
    const since = new Date().toISOString();
    writeLock(dataDir, { pid: sleeper.pid!, startTicks: startTicksOf(sleeper.pid!), startedAt: since, command: 'meetbench nightly nightly.yaml' });
    const started = Date.now();
    const result = await runCli(['run', quickScenario(dataDir)], { dataDir });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`already running (pid ${sleeper.pid}, since ${since}): meetbench nightly nightly.yaml`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(Date.now() - started).toBeLessThan(15_000);
    // the holder's lock is left alone
    expect(existsSync(path.join(dataDir, 'run.lock'))).toBe(true);
  });

  it('a lock whose process is dead is taken over, and the run it left running is marked aborted', async () => {
    const dataDir = tempDir('mb-lock-');
    const pid = deadPid();
    const startedAt = new Date(Date.now() - 60_000).toISOString();
    writeLock(dataDir, { pid, startTicks: 12345, startedAt, command: 'meetbench nightly nightly.yaml' });
    const store = await openStore(dataDir);
    await store.saveRun(
      makeRun({ id: 'killed-night', kind: 'nightly', status: 'running', finishedAt: null, startedAt: new Date(Date.now() - 59_000).toISOString() }),
    );
    await store.saveRun(makeRun({ id: 'old-complete', startedAt: new Date(Date.now() - 86_400_000).toISOString() }));

    const result = await runCli(['run', quickScenario(dataDir)], { dataDir });
    expect(result.stderr).toContain(`took over the run lock of pid ${pid}`);
    expect(result.stderr).toContain('marked its run killed-night aborted');
    expect(result.code).toBe(3); // then the run itself: nobody could join a closed port
    const killed = await store.getRun('killed-night');
    expect(killed?.status).toBe('aborted');
    expect(killed?.verdict).toBe('broken');
    expect(killed?.reason).toMatch(new RegExp(`pid ${pid}.*died without finishing`));
    expect((await store.getRun('old-complete'))?.status).toBe('complete');
    // released at the end
    expect(existsSync(path.join(dataDir, 'run.lock'))).toBe(false);
  });

  it('a live pid that started at another time than recorded (pid reused) does not hold the lock', async () => {
    const dataDir = tempDir('mb-lock-');
    const sleeper = spawn('sleep', ['60']);
    sleepers.push(sleeper.pid!);
    writeLock(dataDir, {
      pid: sleeper.pid!,
      startTicks: (startTicksOf(sleeper.pid!) ?? 0) - 1000,
      startedAt: new Date().toISOString(),
      command: 'meetbench run x.yaml',
    });
    const result = await runCli(['run', quickScenario(dataDir)], { dataDir });
    expect(result.stderr).toContain(`took over the run lock of pid ${sleeper.pid}`);
    expect(result.code).toBe(3);
  });
});
