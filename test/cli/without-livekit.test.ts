/**
 * Without the LiveKit server (no Go, or a build Go refused), `meetbench doctor` says so with the last
 * build's own words, on its optional LiveKit row, and the machine is still ready: exit 0; a run that
 * names lab:livekit is refused before anything starts, with that reason and the fix; the demo leaves
 * LiveKit out and says why (here nothing else is in it: it says that too).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRoot } from '../helpers/requirements.ts';
import { runCli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

function cacheWithoutLivekit(said: string): string {
  const cache = tempDir('mb-cli-lk-cache-');
  mkdirSync(path.join(cache, 'livekit-server'), { recursive: true });
  writeFileSync(path.join(cache, 'livekit-server', 'BUILD-ERROR'), `${said}\n`);
  return cache;
}

describe('without the LiveKit server', () => {
  it("doctor reports LiveKit missing with Go's error, and stays ready (exit 0)", async () => {
    const said = 'go build failed: github.com/livekit/dtls/v3@v3.1.5-warp.3: reading <GOPROXY>/github.com/livekit/dtls/v3/@v/v3.1.5-warp.3.zip: 403 Forbidden';
    const cache = cacheWithoutLivekit(said);
    const result = await runCli(['doctor', '--json'], { dataDir: tempDir('mb-cli-lk-data-'), env: { MEETBENCH_CACHE: cache } });
    const rows = JSON.parse(result.stdout) as Array<{ label: string; required: boolean; status: string; detail: string }>;
    const livekit = rows.find((r) => r.label === 'LiveKit (lab)');
    expect(livekit).toMatchObject({ required: false, status: 'missing' });
    expect(livekit!.detail).toContain(`LiveKit server v1.13.5 is not built (no ${path.join(cache, 'livekit-server', 'v1.13.5', 'livekit-server')})`);
    expect(livekit!.detail).toContain(`the last build said: ${said}`);
    // the other rows decide readiness: a machine without LiveKit still measures
    const requiredOk = rows.filter((r) => r.required).every((r) => r.status === 'ok');
    expect(result.code).toBe(requiredOk ? 0 : 3);
  }, 60_000);

  it.skipIf(!isRoot())(
    'a run on lab:livekit is refused before anything starts, saying why and how to fix it (exit 3)',
    async () => {
      const said = 'no Go toolchain found (set GO=/path/to/go, or install Go); LiveKit is not built';
      const dir = tempDir('mb-cli-lk-run-');
      const file = path.join(dir, 'livekit.yaml');
      writeFileSync(
        file,
        'name: no-livekit\nplatforms:\n  - { id: livekit, adapter: livekit-meet, url: "lab:livekit" }\nparticipants: { count: 2 }\ndurationS: 2\n',
      );
      const result = await runCli(['run', file], { dataDir: path.join(dir, 'data'), env: { MEETBENCH_CACHE: cacheWithoutLivekit(said) } });
      expect(result.code, result.stderr).toBe(3);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stderr).toContain('lab:livekit cannot run on this machine: LiveKit server v1.13.5 is not built');
      expect(result.stderr).toContain(`the last build said: ${said}`);
      expect(result.stderr).toContain('node scripts/setup.mjs builds it from its Go module');
      expect(result.stdout + result.stderr).not.toMatch(/lab: |participant\(s\) joining/);
    },
    60_000,
  );

  it.skipIf(!isRoot())(
    'the demo leaves LiveKit out with the reason, and says so when nothing of it can run (exit 3)',
    async () => {
      const said = 'no Go toolchain found (set GO=/path/to/go, or install Go); LiveKit is not built';
      const dir = tempDir('mb-cli-lk-demo-');
      const file = path.join(dir, 'demo.yaml');
      writeFileSync(
        file,
        'name: demo-without\nplatforms:\n  - { id: livekit, title: LiveKit (lab), adapter: livekit-meet, url: "lab:livekit" }\nparticipants: { count: 2 }\ndurationS: 2\n',
      );
      const result = await runCli(['demo', '--no-serve', '--scenario', file], {
        dataDir: path.join(dir, 'data'),
        env: { MEETBENCH_CACHE: cacheWithoutLivekit(said) },
      });
      expect(result.code, result.stderr).toBe(3);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stderr).toContain(`left out, this machine cannot run it: LiveKit (lab): LiveKit server v1.13.5 is not built`);
      expect(result.stderr).toContain(`none of the platforms of ${file} can run on this machine`);
    },
    60_000,
  );
});
