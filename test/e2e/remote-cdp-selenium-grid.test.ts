/**
 * Selenium Grid 4 for real: the Grid's standalone server (org.seleniumhq.selenium:selenium-grid, resolved
 * with Maven) drives Debian's chromedriver and Chromium. meetbench creates a WebDriver session with the
 * fake-media Chrome options through the Grid's HTTP API, then drives it through the Grid's `se:cdp`
 * endpoint; that participant joins a lab Janus room beside a local one.
 *
 * The Grid (and so its browsers) runs in a namespace this test creates on the lab bridge: its WebRTC
 * traffic then only uses lab addresses. Skips, said out loud, without Java, Maven, chromedriver or the
 * Grid's artifacts (blocked: the artifacts come from outside the project).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labDown, labUp, removeParticipantNamespace, type ParticipantNamespace } from '../../harness/lab/index.ts';
import { claimParticipantNamespace } from '../../harness/lab/index.ts';
import { CHROMIUM_PATH } from '../../harness/participants/chromium-flags.ts';
import type { RunRecord } from '../../results/run-record.ts';
import { labMissing, shouldSkip } from '../helpers/requirements.ts';
import { runCli, runMeasuredScenario } from '../helpers/run-cli.ts';

const GRID_VERSION = '4.27.0';
const work = mkdtempSync(path.join(tmpdir(), 'mb-e2e-grid-'));

/** the Grid's classpath from Maven (cached after the first time), or why it is not available */
function gridClasspath(): { classpath: string | null; reason: string | null } {
  const missing = ['/usr/bin/java', '/usr/bin/mvn', '/usr/bin/chromedriver'].find((f) => !existsSync(f));
  if (missing) return { classpath: null, reason: `${missing} is not installed (apt-get install -y default-jre-headless maven chromium-driver)` };
  writeFileSync(
    path.join(work, 'pom.xml'),
    `<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion><groupId>meetbench</groupId><artifactId>grid-e2e</artifactId><version>1</version>
<dependencies><dependency><groupId>org.seleniumhq.selenium</groupId><artifactId>selenium-grid</artifactId><version>${GRID_VERSION}</version></dependency></dependencies></project>`,
  );
  try {
    execFileSync('mvn', ['-q', '-B', 'dependency:build-classpath', `-Dmdep.outputFile=${path.join(work, 'cp.txt')}`], {
      cwd: work,
      timeout: 240_000,
      stdio: 'ignore',
    });
    return { classpath: readFileSync(path.join(work, 'cp.txt'), 'utf8').trim(), reason: null };
  } catch {
    return { classpath: null, reason: `org.seleniumhq.selenium:selenium-grid:${GRID_VERSION} did not resolve with Maven` };
  }
}

const lab = labMissing();
const grid = lab ? { classpath: null, reason: null } : gridClasspath();
const skip =
  shouldSkip('test/e2e/remote-cdp-selenium-grid.test.ts', 'a participant on Selenium Grid', lab) ||
  shouldSkip('test/e2e/remote-cdp-selenium-grid.test.ts', 'a participant on Selenium Grid', grid.reason, { blocked: true });

async function gridReady(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const ready = await fetch(`${url}/status`, { signal: AbortSignal.timeout(2000) })
      .then((r) => r.json() as Promise<{ value?: { ready?: boolean } }>)
      .then(
        (s) => s.value?.ready === true,
        () => false,
      );
    if (ready) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Selenium Grid at ${url} was not ready in time`);
}

describe.skipIf(skip)('a participant on Selenium Grid 4 (standalone, real chromedriver)', () => {
  const dataDir = path.join(work, 'data');
  const profile = path.join(tmpdir(), `meetbench-profile-grid-${process.pid}`);
  let namespace: ParticipantNamespace | null = null;
  let java: ChildProcess | null = null;
  let reused = false;
  let gridUrl = '';
  let run: RunRecord;

  beforeAll(async () => {
    const up = await labUp({ dataDir, platforms: ['janus'], rooms: { count: 4, maxPublishers: 8 }, waitMs: 120_000 });
    reused = up.reused;
    namespace = await claimParticipantNamespace(210, CHROMIUM_PATH);
    writeFileSync(
      path.join(work, 'grid.toml'),
      `[node]
detect-drivers = false
selenium-manager = false
max-sessions = 1

[[node.driver-configuration]]
display-name = "chromium"
stereotype = '{"browserName": "chrome", "goog:chromeOptions": {"binary": "${CHROMIUM_PATH}"}}'
max-sessions = 1
webdriver-executable = "/usr/bin/chromedriver"
`,
    );
    gridUrl = `http://${namespace.address}:4444`;
    // its own process group: the teardown kills the Grid with chromedriver and Chromium under it
    java = spawn(
      'ip',
      [
        'netns',
        'exec',
        namespace.namespace,
        'java',
        '-cp',
        grid.classpath as string,
        'org.openqa.selenium.grid.Main',
        'standalone',
        '--host',
        namespace.address,
        '--port',
        '4444',
        '--config',
        path.join(work, 'grid.toml'),
      ],
      { detached: true, stdio: 'ignore' },
    );
    await gridReady(gridUrl, Date.now() + 90_000);
  }, 150_000);

  afterAll(async () => {
    if (java?.pid) {
      try {
        process.kill(-java.pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
    await new Promise((r) => setTimeout(r, 500));
    if (namespace) await removeParticipantNamespace(namespace);
    rmSync(profile, { recursive: true, force: true });
    if (!reused) await labDown(dataDir);
    rmSync(work, { recursive: true, force: true });
  });

  it('runs one local participant and one Grid session through the real CLI', async () => {
    const file = path.join(work, 'grid.yaml');
    writeFileSync(
      file,
      `name: e2e-selenium-grid
platforms:
  - id: janus
    adapter: janus-videoroom
    url: lab:janus
participants:
  count: 2
  media: { width: 320, height: 180, fps: 15 }
  rampUpMs: 800
durationS: 8
warmupS: 4
remote:
  seleniumGrid:
    url: ${gridUrl}
    participants: 1
    args: ["--user-data-dir=${profile}"]
`,
    );
    const result = await runMeasuredScenario(file, { dataDir });
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect([0, 4], `exit ${result.code}\n${result.stdout}\n${result.stderr.slice(-2000)}`).toContain(result.code);
    run = JSON.parse((await runCli(['report', 'latest', '--format', 'json'], { dataDir })).stdout) as RunRecord;
  });

  it('has the Grid participant joined and measured like the local one', () => {
    const [local, remote] = run.trials[0]!.participants;
    expect([local!.browser, remote!.browser]).toEqual(['local', 'grid-1']);
    expect(remote!.joined).toBe(true);
    expect(remote!.error).toBeNull();
    expect(remote!.uplinkKbps.avg).toBeGreaterThan(40);
    expect(remote!.metrics.fps_received).toBeGreaterThan(5);
    expect(remote!.metrics.frame_height_received).toBe(180);
    expect(local!.metrics.frame_height_received).toBe(180);
    expect(remote!.kernel).toBeNull();
  });
});
