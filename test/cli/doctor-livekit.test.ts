/**
 * Without the LiveKit server (no Go, or a build Go refused), `meetbench doctor` says so with the last
 * build's own words, on its optional LiveKit row, and the machine is still ready: exit 0.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('meetbench doctor without the LiveKit server', () => {
  it("reports LiveKit missing with Go's error, and stays ready (exit 0)", async () => {
    const cache = tempDir('mb-cli-lk-cache-');
    mkdirSync(path.join(cache, 'livekit-server'), { recursive: true });
    const said = 'go build failed: github.com/livekit/dtls/v3@v3.1.5-warp.3: reading <GOPROXY>/github.com/livekit/dtls/v3/@v/v3.1.5-warp.3.zip: 403 Forbidden';
    writeFileSync(path.join(cache, 'livekit-server', 'BUILD-ERROR'), `${said}\n`);
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
});
