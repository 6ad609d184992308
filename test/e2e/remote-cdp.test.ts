/**
 * Remote browsers through CDP: a second Chromium that meetbench did not start (no fake-device flag, no
 * insecure-origin flag, no media file) hosts one participant of a lab Janus room beside two local ones.
 * Its page gets the in-page generated camera and microphone, joins, and reports the same metrics. Its
 * camera's frame stamps are read by the local receivers, its clock's offset estimated against the runner's.
 *
 * The second Chromium runs in a namespace this test creates on the lab bridge, so its WebRTC traffic
 * only ever uses lab addresses (in the root namespace it would offer the machine's other addresses as
 * ICE candidates). Chromium binds its DevTools port to loopback only, so a small TCP relay inside that
 * namespace exposes it on the namespace's address, as a remote browser on another machine would be.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labDown, labUp, removeParticipantNamespace, type ParticipantNamespace } from '../../harness/lab/index.ts';
import { claimParticipantNamespace } from '../../harness/lab/index.ts';
import { CHROMIUM_PATH } from '../../harness/participants/chromium-flags.ts';
import type { RunRecord } from '../../results/run-record.ts';
import { labMissing, shouldSkip } from '../helpers/requirements.ts';
import { runCli, runMeasuredScenario } from '../helpers/run-cli.ts';

const skip = shouldSkip('test/e2e/remote-cdp.test.ts', 'a participant on a second Chromium through CDP', labMissing());

const RELAY = `const net = require('node:net');
net.createServer((c) => { const u = net.connect(Number(process.argv[2]), '127.0.0.1'); c.pipe(u).pipe(c); c.on('error', () => u.destroy()); u.on('error', () => c.destroy()); })
  .listen(Number(process.argv[3]), process.argv[1]);`;

function spawnIn(namespace: string, command: string, args: string[]): ChildProcess {
  // its own process group, so the teardown kills Chromium's children too
  return spawn('ip', ['netns', 'exec', namespace, command, ...args], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
}

function killGroup(child: ChildProcess | null): void {
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // gone already
  }
}

async function devtoolsReady(endpoint: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const ok = await fetch(`${endpoint}/json/version`, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${endpoint} did not answer`);
}

describe.skipIf(skip)('a participant on a second Chromium through CDP', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mb-e2e-remote-'));
  const profile = mkdtempSync(path.join(tmpdir(), 'meetbench-profile-remote-cdp-'));
  let namespace: ParticipantNamespace | null = null;
  let chromium: ChildProcess | null = null;
  let relay: ChildProcess | null = null;
  let reused = false;
  let endpoint = '';
  let run: RunRecord;

  beforeAll(async () => {
    // the rooms the run asks for, so that the run reuses this lab
    const up = await labUp({ dataDir, platforms: ['janus'], rooms: { count: 4, maxPublishers: 8 }, waitMs: 120_000 });
    reused = up.reused;
    namespace = await claimParticipantNamespace(200, CHROMIUM_PATH);
    chromium = spawnIn(namespace.namespace, CHROMIUM_PATH, [
      '--headless=new',
      '--no-sandbox',
      `--user-data-dir=${profile}`,
      '--remote-debugging-port=9222',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--mute-audio',
      'about:blank',
    ]);
    relay = spawnIn(namespace.namespace, process.execPath, ['-e', RELAY, namespace.address, '9222', '9333']);
    endpoint = `http://${namespace.address}:9333`;
    await devtoolsReady(endpoint, Date.now() + 20_000);
  });

  afterAll(async () => {
    killGroup(relay);
    killGroup(chromium);
    await new Promise((r) => setTimeout(r, 300));
    if (namespace) await removeParticipantNamespace(namespace);
    rmSync(profile, { recursive: true, force: true });
    if (!reused) await labDown(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs two local participants and one on the remote browser through the real CLI', async () => {
    const file = path.join(dataDir, 'remote.yaml');
    writeFileSync(
      file,
      `name: e2e-remote-cdp
platforms:
  - id: janus
    adapter: janus-videoroom
    url: lab:janus
participants:
  count: 3
  media: { width: 320, height: 180, fps: 15 }
  rampUpMs: 800
durationS: 8
warmupS: 4
remote:
  cdp:
    - endpoint: ${endpoint}
      participants: 1
`,
    );
    const result = await runMeasuredScenario(file, { dataDir });
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect([0, 4], `exit ${result.code}\n${result.stdout}\n${result.stderr.slice(-2000)}`).toContain(result.code);
    run = JSON.parse((await runCli(['report', 'latest', '--format', 'json'], { dataDir })).stdout) as RunRecord;
  });

  it('has the remote participant joined in the same room, placed on cdp-1', () => {
    const participants = run.trials[0]!.participants;
    expect(participants.map((p) => [p.name, p.joined, p.browser, p.room])).toEqual([
      ['bench1', true, 'local', '1'],
      ['bench2', true, 'local', '1'],
      ['bench3', true, 'cdp-1', '1'],
    ]);
    expect(run.trials[0]!.browsers).toEqual([expect.objectContaining({ id: 'cdp-1', kind: 'cdp', participants: ['bench3'] })]);
    // the remote browser has no fake device: its page sends the generated tone, and the record says so
    expect(run.trials[0]!.media?.microphone).toBe('mixed');
  });

  it('reports the same metrics for the remote participant as for the local ones', () => {
    const [local, , remote] = run.trials[0]!.participants;
    // the browser's own CPU and memory are unknown for a browser meetbench did not start
    const measured = (keys: string[]): string[] => keys.filter((k) => !['cpu_pct', 'memory_mb'].includes(k)).sort();
    expect(measured(Object.keys(remote!.metrics))).toEqual(measured(Object.keys(local!.metrics)));
    expect(remote!.joinTimeMs).toBeGreaterThan(0);
    expect(remote!.phases.iceMs).toBeGreaterThan(0);
    // its generated 320x180 camera reaches the others, and it receives both local cameras
    expect(remote!.uplinkKbps.avg).toBeGreaterThan(40);
    expect(remote!.metrics.fps_received).toBeGreaterThan(5);
    expect(remote!.metrics.frame_height_received).toBe(180);
    expect(local!.metrics.frame_height_received).toBe(180);
    const othersUp = run.trials[0]!.participants.filter((p) => p !== remote).reduce((s, p) => s + p.uplinkKbps.avg!, 0);
    expect(remote!.downlinkKbps.avg!).toBeGreaterThan(othersUp * 0.6);
    // not in a namespace meetbench runs participants in: no kernel figures for it
    expect(remote!.kernel).toBeNull();
    expect(local!.kernel).not.toBeNull();
  });

  it("measures the remote sender's stamped video at the local receivers, its clock estimated against the runner's", () => {
    const [local, , remote] = run.trials[0]!.participants;
    expect(run.trials[0]!.media?.camera).toBe('mixed');
    // the remote browser runs on this machine: the estimate finds no offset to speak of, and knows it
    const clock = remote!.quality!.clock!;
    expect(Math.abs(clock.offsetMs)).toBeLessThan(clock.uncertaintyMs + 5);
    expect(clock.uncertaintyMs).toBeLessThan(15);
    expect(local!.quality!.clock).toBeNull();
    const fromRemote = local!.quality!.pairs.find((p) => p.sender === 'bench3')!;
    expect(fromRemote.noData).toEqual([]);
    expect(fromRemote.video!.latencyMs.p50).toBeGreaterThan(0);
    expect(fromRemote.video!.latencyMs.p50).toBeLessThan(1_000);
    // the local senders' fake camera carries no stamp: said, not guessed
    expect(remote!.quality!.pairs.find((p) => p.sender === 'bench1')!.noData[0]!.why).toMatch(/fake camera/);
  });
});
