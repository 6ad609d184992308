/**
 * Scale features end to end on the lab's real Janus, through the real CLI:
 * - receive-only participants (the demo's subscriber mode): they send no camera and receive every one;
 * - participants as contexts of one shared browser (one namespace for the group, its kernel figures on the
 *   trial), remote audio received but not played, with web-tier load by autocannon on the lab's web server during the joins, judged by criteria
 *   and shown in the Markdown report;
 * - a capacity search whose criterion (downlink per participant) grows with the room, so it must stop at
 *   the first size past the threshold, or earlier for a reason it states (saturated runner, failed join).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../results/run-record.ts';
import { labMissing, shouldSkip } from '../helpers/requirements.ts';
import { runCli, runMeasuredScenario } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const skip = shouldSkip('test/e2e/scale.test.ts', 'shared browser, web-tier load and capacity search on the lab Janus', labMissing());

const JANUS = `platforms:
  - id: janus
    adapter: janus-videoroom
    url: lab:janus
`;

function write(dir: string, name: string, body: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, body);
  return file;
}

async function latest(dataDir: string): Promise<RunRecord> {
  const result = await runCli(['report', 'latest', '--format', 'json'], { dataDir });
  return JSON.parse(result.stdout) as RunRecord;
}

describe.skipIf(skip)('shared browser with web-tier load', () => {
  const dir = tempDir('mb-e2e-scale-');
  let run: RunRecord;

  it('runs three participants as contexts of one browser while autocannon loads the web server', async () => {
    write(
      dir,
      'web-criteria.yaml',
      `version: 1
measured:
  - id: http-p95
    metric: http_p95_ms
    threshold: p(95) < 5000
    title: { fr: "Pages web en moins de 5 s", en: "Web pages under 5 s" }
  - id: http-errors
    metric: http_error_rate
    threshold: rate < 0.01
    title: { fr: "Moins de 1 % d'erreurs web", en: "Under 1 % web errors" }
`,
    );
    const file = write(
      dir,
      'shared.yaml',
      `name: e2e-scale-shared
${JANUS}participants:
  count: 3
  media: { width: 320, height: 180, fps: 15 }
  rampUpMs: 500
durationS: 6
warmupS: 3
runner: { browser: shared, render: false, playAudio: false }
webLoad:
  paths: ["/videoroomtest.html", "/settings.js"]
  connections: 2
  rate: 40
  durationS: 5
criteria: web-criteria.yaml
`,
    );
    const result = await runMeasuredScenario(file, { dataDir: dir });
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect([0, 4], `exit ${result.code}\n${result.stdout}\n${result.stderr.slice(-2000)}`).toContain(result.code);
    run = await latest(dir);
  });

  it('puts every participant in the shared browser, with the group kernel figures on the trial', () => {
    const trial = run.trials[0]!;
    expect(trial.participants.map((p) => [p.joined, p.browser])).toEqual([
      [true, 'shared-1'],
      [true, 'shared-1'],
      [true, 'shared-1'],
    ]);
    // a namespace is per process: the kernel sees the group, so no participant has its own figure
    for (const p of trial.participants) expect(p.kernel).toBeNull();
    const group = trial.browsers![0]!;
    expect(group).toMatchObject({ id: 'shared-1', kind: 'shared', participants: ['bench1', 'bench2', 'bench3'] });
    // one incognito context each: a renderer process each, whatever else the browser runs
    expect(group.renderers).toBeGreaterThanOrEqual(3);
    const sumUp = trial.participants.reduce((s, p) => s + p.uplinkKbps.avg!, 0);
    // headers included: the wire carries at least what getStats counts
    expect(group.kernel!.uplinkKbps!).toBeGreaterThan(sumUp * 0.9);
    // videos are not painted, yet frames are decoded
    for (const p of trial.participants) expect(p.metrics.fps_received).toBeGreaterThan(5);
  });

  it('receives and counts remote audio without playing it (playAudio: false): no concealment figure', () => {
    // the record says which metric the setting turned off, for the criteria's "no data" reason
    const off = run.trials[0]!.notMeasured ?? [];
    expect(off).toContainEqual({ metric: 'audio_concealed_pct', why: 'remote audio is not played (runner.playAudio: false)' });
    // beside it, the receivers' quality metrics, which need generated media (fake devices here), each with why
    expect(off.filter((m) => m.metric !== 'audio_concealed_pct').every((m) => /generated|not played/.test(m.why))).toBe(true);
    for (const p of run.trials[0]!.participants) {
      // two partners' Opus streams arrive (about 30-40 kbit/s each)
      expect(p.metrics.audio_downlink_kbps).toBeGreaterThan(20);
      // Chromium decodes audio only for playout: nothing played, nothing decoded, so nothing to conceal
      expect(p.metrics.audio_concealed_pct ?? null).toBeNull();
    }
  });

  it('records the web-tier load and judges http_p95_ms and http_error_rate from it', async () => {
    const trial = run.trials[0]!;
    const load = trial.webLoad!;
    expect(load.targets.map((t) => new URL(t.url).pathname)).toEqual(['/videoroomtest.html', '/settings.js']);
    expect(load.requests).toBeGreaterThan(50);
    expect(load.errorRate).toBe(0);
    expect(load.latencyMs.p95).toBeGreaterThan(0);
    expect(load.latencyMs.p50!).toBeLessThanOrEqual(load.latencyMs.p95!);
    for (const p of trial.participants) expect(p.metrics.http_p95_ms).toBe(load.latencyMs.p95);
    const judged = Object.fromEntries(trial.criteria.map((c) => [c.id, c]));
    expect(judged['http-p95']).toMatchObject({ outcome: 'pass', value: load.latencyMs.p95 });
    expect(judged['http-errors']).toMatchObject({ outcome: 'pass', value: 0 });
    const md = await runCli(['report', 'latest', '--format', 'md'], { dataDir: dir });
    expect(md.stdout).toContain('## Web-tier load');
    expect(md.stdout).toContain(`${Math.round(load.latencyMs.p95! * 10) / 10} ms`);
  });
});

describe.skipIf(skip)('participants as pages of one profile (isolation: page) over Janus WebSockets', () => {
  const dir = tempDir('mb-e2e-pages-');
  /** `page`: the demo page (default videoroomtest.html); `receivers`: how many of `count` join receive-only */
  const scenario = (name: string, server: string, count: number, joinMs: number, more: { page?: string; receivers?: number } = {}): string => `name: ${name}
platforms:
  - { id: janus, adapter: janus-videoroom, url: "lab:janus", options: { server: "${server}"${more.page ? `, page: "${more.page}"` : ''} } }
participants:
  count: ${count}
  receivers: ${more.receivers ?? 0}
  media: { width: 320, height: 180, fps: 15 }
  rampUpMs: 500
durationS: 6
warmupS: 3
timeouts: { joinMs: ${joinMs} }
runner: { browser: shared, isolation: page, render: false, playAudio: false }
`;

  it('join and are measured, and share renderer processes instead of one each', async () => {
    // six: more than the 6 HTTP connections per host a profile has, so a held long-poll would show
    const result = await runMeasuredScenario(write(dir, 'pages.yaml', scenario('e2e-pages', 'ws://{host}:8188/', 6, 30_000)), { dataDir: dir });
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect([0, 4], `exit ${result.code}\n${result.stdout}\n${result.stderr.slice(-2000)}`).toContain(result.code);
    const trial = (await latest(dir)).trials[0]!;
    expect(trial.participants.map((p) => [p.joined, p.browser])).toEqual(Array.from({ length: 6 }, () => [true, 'shared-1']));
    for (const p of trial.participants) {
      expect(p.metrics.fps_received).toBeGreaterThan(5);
      expect(p.uplinkKbps.avg).toBeGreaterThan(50);
    }
    // same-site pages of one profile (--process-per-site) share one renderer; the browser keeps a few of
    // its own (its first blank tab, a spare): 4 measured, against at least one per participant with contexts
    expect(trial.browsers![0]!.renderers).toBeGreaterThanOrEqual(1);
    expect(trial.browsers![0]!.renderers).toBeLessThanOrEqual(4);
    // one renderer serves all six: the runner watched its busiest thread over the window
    expect(trial.runner.busiestThread?.thread).toMatch(/^(renderer|AudioService|NetworkService|browser|VideoCaptureService|gpu-process) /);
    expect(trial.runner.busiestThread!.pctOfCore).toBeGreaterThan(1);
  });

  it('join on the multistream demo page (one subscriber PeerConnection for all feeds), receivers included', async () => {
    const body = scenario('e2e-pages-multistream', 'ws://{host}:8188/', 3, 30_000, { page: 'mvideoroomtest.html', receivers: 1 });
    const result = await runMeasuredScenario(write(dir, 'pages-multistream.yaml', body), { dataDir: dir });
    expect([0, 4], `exit ${result.code}\n${result.stdout}\n${result.stderr.slice(-2000)}`).toContain(result.code);
    const trial = (await latest(dir)).trials[0]!;
    expect(trial.participants.map((p) => [p.role, p.joined])).toEqual([
      ['sender', true],
      ['sender', true],
      ['receiver', true],
    ]);
    for (const p of trial.participants) expect(p.metrics.fps_received).toBeGreaterThan(5);
    // the receiver's one subscription carries both cameras; each sender's carries the other one
    const [s1, s2, receiver] = trial.participants;
    for (const sender of [s1!, s2!]) expect(receiver!.metrics.video_downlink_kbps!).toBeGreaterThan(1.4 * sender.metrics.video_downlink_kbps!);
  });

  it("really talks to the server it is given: a WebSocket port nobody listens on, and the demo's session never starts", async () => {
    const result = await runCli(['run', write(dir, 'pages-nowhere.yaml', scenario('e2e-pages-nowhere', 'ws://{host}:9/', 1, 8_000))], { dataDir: dir });
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const trial = (await latest(dir)).trials[0]!;
    expect(trial.participants[0]).toMatchObject({ joined: false });
    // settings.js's HTTP API would have worked: failing here proves the page used ours
    expect(trial.participants[0]!.errorStep).toMatch(/enter-name|start|joined-signal/);
  });
});

describe.skipIf(skip)('receive-only participants on the lab Janus', () => {
  const dir = tempDir('mb-e2e-receivers-');

  it('join without publishing: no camera sent, both cameras received, and the senders do not see them', async () => {
    const file = write(
      dir,
      'receivers.yaml',
      `name: e2e-receivers
${JANUS}participants:
  count: 3
  receivers: 1
  media: { width: 320, height: 180, fps: 15 }
  rampUpMs: 500
durationS: 8
warmupS: 3
`,
    );
    const result = await runMeasuredScenario(file, { dataDir: dir });
    expect([0, 4], `exit ${result.code}\n${result.stdout}\n${result.stderr.slice(-2000)}`).toContain(result.code);
    const trial = (await latest(dir)).trials[0]!;
    const [s1, s2, receiver] = trial.participants;
    expect(trial.participants.map((p) => [p.name, p.role, p.joined])).toEqual([
      ['bench1', 'sender', true],
      ['bench2', 'sender', true],
      ['bench3', 'receiver', true],
    ]);
    // a receiver sends RTCP only: by getStats (RTP payload) nothing, by the kernel a few kbit/s
    expect(receiver!.metrics.video_uplink_kbps ?? 0).toBe(0);
    expect(receiver!.kernel!.uplinkKbps!).toBeLessThan(30);
    // it receives both cameras, each sender only the other one (the receiver has no feed to offer)
    expect(receiver!.metrics.fps_received).toBeGreaterThan(5);
    // audio played (the default): decoded for playout, so its concealment is measured
    expect(typeof receiver!.metrics.audio_concealed_pct).toBe('number');
    // nothing the settings turned off but the quality metrics, which need generated media (fake devices here)
    expect((trial.notMeasured ?? []).filter((m) => !/set participants\.media\.(camera|microphone)/.test(m.why))).toEqual([]);
    for (const sender of [s1!, s2!]) {
      expect(sender.uplinkKbps.avg!).toBeGreaterThan(50);
      expect(sender.downlinkKbps.avg!).toBeLessThan(0.75 * receiver!.downlinkKbps.avg!);
    }
  });
});

describe.skipIf(skip)('capacity search on the lab Janus', () => {
  const dir = tempDir('mb-e2e-capacity-');
  /** each participant receives the other n-1 cameras (~180 kbit/s each at 320x180@15): 2 → ~180, 3 → ~360, 4 → ~540 */
  const LIMIT = 450;

  it('stops at the right step and says why', async () => {
    write(
      dir,
      'cap-criteria.yaml',
      `version: 1
measured:
  - id: everybody-joins
    metric: join_success
    threshold: rate >= 1
    title: { fr: "Tout le monde rejoint", en: "Everybody joins" }
  - id: downlink-budget
    metric: downlink_kbps
    threshold: avg < ${LIMIT}
    title: { fr: "Réception sous ${LIMIT} kbit/s", en: "Downlink under ${LIMIT} kbit/s" }
`,
    );
    const file = write(
      dir,
      'capacity.yaml',
      `name: e2e-capacity
${JANUS}participants:
  count: 2
  media: { width: 320, height: 180, fps: 15 }
  rampUpMs: 400
durationS: 5
warmupS: 3
runner: { browser: shared, render: false }
capacity: { start: 2, step: 1, max: 5 }
criteria: cap-criteria.yaml
`,
    );
    const result = await runCli(['run', file], { dataDir: dir });
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const run = await latest(dir);
    const search = run.capacity![0]!;
    expect(search.sizes).toEqual([2, 3, 4, 5]);
    const steps = search.steps;
    const last = steps[steps.length - 1]!;
    const trialOf = (id: string) => run.trials.find((t) => t.id === id)!;
    // every step before the last met the rule: all joined, runner fine, downlink under the limit
    for (const step of steps.slice(0, -1)) {
      expect(step.joined).toBe(step.size);
      expect(trialOf(step.trialId).runner.saturated).toBe(false);
      expect(step.downlinkKbps!).toBeLessThan(LIMIT);
    }
    expect(search.largestPassing).toBe(steps.length > 1 ? steps[steps.length - 2]!.size : null);
    // the last step failed for the reason given, and that reason is in its data
    switch (search.stoppedBecause) {
      case 'criteria-failed':
        expect(last.failedCriteria).toContain('downlink-budget');
        expect(last.downlinkKbps!).toBeGreaterThanOrEqual(LIMIT);
        // the SFU model: with 320x180@15 the budget is crossed at 4, never before 3
        expect(last.size).toBeGreaterThanOrEqual(3);
        expect(search.explanation).toMatch(new RegExp(`at ${last.size} participants an error-level criterion failed: downlink-budget`));
        expect(result.code).toBe(0);
        break;
      case 'runner-saturated':
        expect(trialOf(last.trialId).runner.saturated).toBe(true);
        expect(search.explanation).toMatch(/runner itself was saturated/);
        break;
      case 'not-all-joined':
        expect(last.joined).toBeLessThan(last.size);
        break;
      default:
        throw new Error(`unexpected stop: ${search.stoppedBecause}: ${search.explanation}`);
    }
    expect(run.reason).toContain(search.explanation);
    const md = await runCli(['report', 'latest', '--format', 'md'], { dataDir: dir });
    expect(md.stdout).toContain('## Capacity: janus (lan)');
    expect(md.stdout).toContain(search.explanation.slice(0, 40));
  });
});

/** 18 senders in rooms of 2 in shared pages, small media; `media` adds to the media line */
const eighteenSenders = (name: string, media: string): string => `name: ${name}
platforms:
  - { id: janus, adapter: janus-videoroom, url: "lab:janus", options: { server: "ws://{host}:8188/" } }
participants:
  count: 18
  media: { width: 160, height: 90, fps: 5${media} }
  rampUpMs: 300
rooms: { count: 9 }
durationS: 5
warmupS: 3
timeouts: { joinMs: 60000 }
runner: { browser: shared, isolation: page, render: false, playAudio: false }
`;

describe.skipIf(skip)('more senders than one browser has microphones for', () => {
  const dir = tempDir('mb-e2e-mics-');

  it('splits the shared browser at 16 senders, so every sender publishes its microphone', async () => {
    // 18 senders in rooms of 2, small media: one browser would open 16 microphones and the VideoRoom demo
    // would publish the last 2 without audio, silently (harness/participants/audio-inputs.ts)
    const file = write(dir, 'mics.yaml', eighteenSenders('e2e-mics', ''));
    const result = await runCli(['run', file], { dataDir: dir });
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const trial = (await latest(dir)).trials[0]!;
    expect(trial.browsers!.map((b) => b.participants.length)).toEqual([16, 2]);
    expect(trial.participants.filter((p) => !p.joined).map((p) => `${p.name}: ${p.error}`)).toEqual([]);
    for (const p of trial.participants) expect(p.metrics.audio_uplink_kbps ?? 0, `${p.name} audio sent`).toBeGreaterThan(5);
  });

  it('keeps 18 senders in one browser when their microphones are generated in the page, and each one sends and receives audio', async () => {
    // media.microphone: generated opens no audio device (page-scripts/generated-microphone.ts): no 16 limit
    const file = write(dir, 'generated.yaml', eighteenSenders('e2e-generated-mics', ', microphone: generated'));
    const result = await runCli(['run', file], { dataDir: dir });
    expect(result.stderr).not.toMatch(/\n\s+at /);
    // the run says what its senders send before it starts
    expect(result.stderr).toContain('camera 160x90@5, microphones generated in the page (a tone: always talking');
    const trial = (await latest(dir)).trials[0]!;
    expect(trial.scenario).toBe('e2e-generated-mics');
    expect(trial.browsers!.map((b) => b.participants.length)).toEqual([18]);
    expect(trial.participants.filter((p) => !p.joined).map((p) => `${p.name}: ${p.error}`)).toEqual([]);
    for (const p of trial.participants) {
      expect(p.metrics.audio_uplink_kbps ?? 0, `${p.name} audio sent`).toBeGreaterThan(5);
      // the other member of its room sends the tone: it arrives through Janus
      expect(p.metrics.audio_downlink_kbps ?? 0, `${p.name} audio received`).toBeGreaterThan(5);
    }
  });
});
