/**
 * The deterministic seed: a year (by default) of plausible nightly comparison runs for several platforms,
 * written through a real ResultsStore (runs, per-second samples, failure screenshots and console logs).
 * The viewer is developed, tested and benchmarked against it. With `xss`, stored strings carry script
 * payloads so tests can prove the viewer shows them as text.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { RUN_SCHEMA_VERSION, type ParticipantResult, type RunRecord, type Sample, type Trial } from '../run-record.ts';
import type { ResultsStore } from '../store/results-store.ts';
import { Prandom } from './prandom.ts';
import { nightEffect, SEED_PLATFORMS, type PlatformProfile } from './platform-profiles.ts';
import { compileCriteria } from '../criteria/compile-criteria.ts';
import { scoreRun } from '../scorecard/score-run.ts';
import { SEED_CRITERIA } from './seed-criteria.ts';
import { placeholderScreenshot } from './placeholder-png.ts';

export const XSS_PAYLOADS = ['<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', '</script><script>alert(1)</script>'] as const;

export interface SeedOptions {
  /** nights to generate, ending with `until` */
  days?: number;
  /** date (YYYY-MM-DD) of the last night; fixed by default so the data is the same everywhere */
  until?: string;
  seed?: number;
  repeats?: number;
  /** nights (the most recent) that also get per-second samples and artifacts */
  detailedNights?: number;
  /** add a platform, scenario, participant labels and error messages made of XSS payloads */
  xss?: boolean;
}

export interface SeedReport {
  runs: number;
  trials: number;
  sampleFiles: number;
  artifacts: number;
  firstRunId: string;
  lastRunId: string;
}

const PARTICIPANTS = ['alice', 'bruno', 'chloé', 'driss'];
const SAMPLE_SECONDS = 60;
const round = (v: number, digits = 0): number => Math.round(v * 10 ** digits) / 10 ** digits;

interface TrialContext {
  rng: Prandom;
  profile: PlatformProfile;
  day: number;
  days: number;
  start: Date;
  repeat: number;
  network: string;
  saturated: boolean;
  xss: boolean;
}

/** the VPN profile as the lab applies it on a kernel without netem: rate and loss, not delay nor jitter */
const VPN_SHAPING: NonNullable<ParticipantResult['shaping']> = {
  profile: 'vpn-1m',
  uplink: { rateKbps: 1000, delayMs: 25, jitterMs: 5, lossPct: 0.5 },
  downlink: { rateKbps: 1000, delayMs: 25, jitterMs: 5, lossPct: 0.5 },
  firewall: null,
  applied: ['uplink rate 1000 kbit/s (tbf)', 'uplink loss 0.5 % (nftables)', 'downlink rate 1000 kbit/s (tbf)', 'downlink loss 0.5 % (nftables)'],
  notApplied: [
    'uplink delay 25 ms: delay needs netem: not in this kernel',
    'uplink jitter 5 ms: jitter needs netem: not in this kernel',
    'downlink delay 25 ms: delay needs netem: not in this kernel',
    'downlink jitter 5 ms: jitter needs netem: not in this kernel',
  ],
};

/**
 * Kernel counters of a participant's namespace as the lab measures them: media packets of about 1000 bytes
 * at 30 packets/s per stream, so the 42 bytes of Ethernet + IP + UDP headers add a few percent; the
 * payload figure (headers removed) lands within a couple of percent of getStats.
 */
function kernelRates(up: number, down: number): NonNullable<ParticipantResult['kernel']> {
  const withHeaders = (kbps: number): number => kbps + (kbps / 8 / 1000) * 42 * 8 + 3;
  return {
    uplinkKbps: round(withHeaders(up) * 1.03, 1),
    downlinkKbps: round(withHeaders(down) * 1.03, 1),
    uplinkPayloadKbps: round(up * 1.03, 1),
    downlinkPayloadKbps: round(down * 1.03, 1),
  };
}

function participant(ctx: TrialContext, name: string, index: number): ParticipantResult {
  const { rng, profile } = ctx;
  const effect = nightEffect(profile.id, ctx.day, ctx.days);
  const vpn = ctx.network === 'vpn-1m';
  // fixed failures so the latest night always has a failed join to show (screenshot, console errors)
  const forced =
    (ctx.xss && profile.adapter === 'custom' && index === 1) ||
    (profile.id === 'zimbra-connect' && ctx.day === ctx.days - 1 && ctx.repeat === 1 && index === 2);
  const failedJoin = effect.down || forced || rng.chance(0.004);
  const base = {
    name: ctx.xss && index === 1 ? `${XSS_PAYLOADS[2]} ${name}` : name,
    role: index < 3 ? ('sender' as const) : ('receiver' as const),
    room: 'room-1',
    network: ctx.network,
    candidateType: vpn ? 'relay/udp' : 'host/udp',
    artifacts: [] as string[],
    consoleErrors: [] as string[],
    kernel: null as ParticipantResult['kernel'],
    ...(vpn ? { shaping: VPN_SHAPING } : {}),
  };
  if (failedJoin) {
    const error = ctx.xss
      ? `join: waiting for ${XSS_PAYLOADS[0]} (timeout 20000 ms) ${XSS_PAYLOADS[1]}`
      : effect.down
        ? 'navigate: net::ERR_CONNECTION_REFUSED at the meeting URL'
        : 'join: waiting for the joined signal (timeout 20000 ms)';
    return {
      ...base,
      // no ICE pair was ever selected
      candidateType: null,
      joined: false,
      joinTimeMs: null,
      phases: { pageLoadMs: effect.down ? null : round(rng.normal(600, 80, 200)), uiReadyMs: null, signallingMs: null, iceMs: null },
      firstRemoteFrameMs: null,
      uplinkKbps: { avg: null, p95: null },
      downlinkKbps: { avg: null, p95: null },
      metrics: {},
      error,
      errorStep: effect.down ? 'navigate' : 'joined-signal',
      consoleErrors: [
        effect.down ? 'Failed to load resource: net::ERR_CONNECTION_REFUSED' : `Uncaught TypeError: ${ctx.xss ? XSS_PAYLOADS[0] : 'room is undefined'}`,
      ],
    };
  }
  const slow = ctx.saturated ? 2.4 : 1;
  const join = rng.normal(profile.joinMs * effect.join * slow * (vpn ? 1.35 : 1), profile.joinMs * 0.12, 400);
  const up = rng.normal(profile.uplinkKbps * (vpn ? 0.55 : 1), profile.uplinkKbps * 0.06, 50);
  const down = rng.normal(profile.downlinkKbps * (vpn ? 0.6 : 1), profile.downlinkKbps * 0.06, 80);
  const loss = rng.normal(profile.lossPct * effect.loss * (vpn ? 1.8 : 1), profile.lossPct * 0.35, 0);
  const rtt = rng.normal(profile.rttMs * (vpn ? 2.5 : 1), profile.rttMs * 0.15, 1);
  const fps = Math.min(30, rng.normal(profile.fps * effect.fps * (ctx.saturated ? 0.65 : 1), 1.2, 5));
  const uiReady = join * 0.42;
  return {
    ...base,
    joined: true,
    joinTimeMs: round(join),
    phases: { pageLoadMs: round(join * 0.3), uiReadyMs: round(uiReady), signallingMs: round(join * 0.22), iceMs: round(join * 0.48) },
    firstRemoteFrameMs: round(join + rng.normal(320, 60, 50)),
    uplinkKbps: { avg: round(up), p95: round(up * 1.12) },
    downlinkKbps: { avg: round(down), p95: round(down * 1.1) },
    kernel: kernelRates(up, down),
    metrics: {
      join_time_ms: round(join),
      first_remote_frame_ms: round(join + 320),
      uplink_kbps: round(up),
      downlink_kbps: round(down),
      packet_loss_pct: round(loss, 2),
      rtt_ms: round(rtt, 1),
      jitter_ms: round(rtt * 0.2, 1),
      fps_received: round(fps, 1),
      fps_sent: round(Math.min(30, fps + 1), 1),
      freeze_count: rng.chance(0.1) ? 1 : 0,
      cpu_pct: round(rng.normal(38, 6, 5), 1),
      memory_mb: round(rng.normal(310, 25, 100)),
    },
    error: null,
    errorStep: null,
  };
}

function samplesFor(rng: Prandom, p: ParticipantResult): Sample[] {
  if (!p.joined) return [];
  const m = p.metrics;
  const out: Sample[] = [];
  for (let t = 0; t < SAMPLE_SECONDS; t++) {
    const ramp = Math.min(1, (t + 1) / 5);
    out.push({
      t,
      participant: p.name,
      uplinkKbps: round(rng.normal((m.uplink_kbps ?? 0) * ramp, (m.uplink_kbps ?? 0) * 0.07, 0)),
      downlinkKbps: round(rng.normal((m.downlink_kbps ?? 0) * ramp, (m.downlink_kbps ?? 0) * 0.07, 0)),
      packetLossPct: round(rng.normal(m.packet_loss_pct ?? 0, (m.packet_loss_pct ?? 0) * 0.5, 0), 2),
      rttMs: round(rng.normal(m.rtt_ms ?? 0, (m.rtt_ms ?? 0) * 0.2, 0.5), 1),
      jitterMs: round(rng.normal(m.jitter_ms ?? 0, 0.5, 0), 1),
      fpsSent: round(Math.min(30, rng.normal(m.fps_sent ?? 0, 1, 0)), 1),
      fpsReceived: round(Math.min(30, rng.normal((m.fps_received ?? 0) * ramp, 1.5, 0)), 1),
      connectedPcs: 1,
    });
  }
  return out;
}

function platformList(xss: boolean): PlatformProfile[] {
  const list = [...SEED_PLATFORMS];
  if (xss) list.push({ ...SEED_PLATFORMS[0]!, id: XSS_PAYLOADS[0], adapter: 'custom' });
  return list;
}

/** A trial id must be a safe file name: derive it from a slug of the platform, never the raw name. */
function trialId(platformIndex: number, profile: PlatformProfile, network: string, repeat: number): string {
  const slug = profile.id.replace(/[^a-z0-9-]/gi, '').slice(0, 40) || `platform${platformIndex}`;
  return `${slug}-${network}-r${repeat}`;
}

/** one trial of a seeded night, as the runner records it before criteria judge it */
function seededTrial(ctx: TrialContext, id: string, clock: number): Trial {
  const { rng, profile, network, repeat, saturated, xss } = ctx;
  const participants = PARTICIPANTS.map((name, i) => participant(ctx, name, i));
  const down = participants.every((p) => !p.joined);
  // what the runner knows; the criteria engine judges the rest when the run is complete
  const verdict = down ? 'broken' : saturated ? 'inconclusive' : 'passed';
  const cpuAvg = saturated ? rng.normal(96, 2, 90) : rng.normal(55, 8, 20);
  const trial: Trial = {
    id,
    platform: profile.id,
    adapter: profile.adapter,
    scenario: xss ? XSS_PAYLOADS[1] : 'four-party-call',
    network,
    repeat,
    startedAt: new Date(clock).toISOString(),
    finishedAt: new Date(clock + 95_000).toISOString(),
    durationS: 95,
    verdict,
    reason: down
      ? 'no participant could join: the platform did not answer'
      : saturated
        ? 'the runner was saturated (CPU above 90 %): measurements are not trustworthy'
        : null,
    participants,
    criteria: [],
    runner: {
      cpuPct: { avg: round(cpuAvg, 1), max: round(Math.min(100, cpuAvg + rng.range(5, 20)), 1) },
      saturated,
      reason: saturated ? 'runner CPU above 90 %' : null,
      cores: 2,
      loadAvg: round(saturated ? 6.5 : 1.4, 1),
      busiestThread: { thread: 'AudioService AudioProcessing', pctOfCore: round(cpuAvg / 4, 1) },
    },
    samplesFile: null,
  };
  return trial;
}

/** the detail a recent night keeps: per-second samples, and a screenshot and console log of each participant that failed */
async function writeDetail(store: ResultsStore, runId: string, trial: Trial, rng: Prandom, screenshot: Buffer, report: SeedReport): Promise<void> {
  const { id, participants } = trial;
  const samples = participants.flatMap((p) => samplesFor(rng, p));
  if (samples.length > 0) {
    trial.samplesFile = await store.appendSamples(runId, id, samples);
    report.sampleFiles++;
  }
  for (const p of participants.filter((x) => !x.joined)) {
    const dir = await store.artifactDir(runId, id);
    const base = `${p.name.replace(/[^a-z0-9-]/gi, '') || 'participant'}-failure`;
    await fs.writeFile(path.join(dir, `${base}.png`), screenshot);
    await fs.writeFile(path.join(dir, `${base}-console.log`), `${p.consoleErrors.join('\n')}\n`);
    p.artifacts = [`${base}.png`, `${base}-console.log`];
    report.artifacts += 2;
  }
}

export async function generateDataset(store: ResultsStore, options: SeedOptions = {}): Promise<SeedReport> {
  const days = options.days ?? 365;
  const repeats = options.repeats ?? 2;
  const detailed = options.detailedNights ?? 7;
  const xss = options.xss ?? false;
  const until = new Date(`${options.until ?? '2026-11-28'}T02:00:00Z`);
  const rng = new Prandom(options.seed ?? 20261128);
  const report: SeedReport = { runs: 0, trials: 0, sampleFiles: 0, artifacts: 0, firstRunId: '', lastRunId: '' };
  const screenshot = placeholderScreenshot();
  const compiled = compileCriteria(SEED_CRITERIA);

  for (let day = 0; day < days; day++) {
    const start = new Date(until.getTime() - (days - 1 - day) * 86_400_000);
    const runId = `nightly-${start.toISOString().slice(0, 10)}`;
    // the VPN profile runs on Sundays only, as a DSI would schedule its heavier suite
    const networks = start.getUTCDay() === 0 ? ['lan', 'vpn-1m'] : ['lan'];
    const saturated = rng.chance(0.03);
    const trials: Trial[] = [];
    const withDetail = day >= days - detailed;
    let clock = start.getTime();
    for (const [pi, profile] of platformList(xss).entries()) {
      for (const network of networks) {
        for (let repeat = 1; repeat <= repeats; repeat++) {
          const ctx: TrialContext = { rng, profile, day, days, start, repeat, network, saturated, xss };
          const trial = seededTrial(ctx, trialId(pi, profile, network, repeat), clock);
          clock += 100_000;
          if (withDetail) await writeDetail(store, runId, trial, rng, screenshot, report);
          trials.push(trial);
        }
      }
    }
    const recorded: RunRecord = {
      schemaVersion: RUN_SCHEMA_VERSION,
      id: runId,
      kind: 'nightly',
      source: 'scenarios/nightly-comparison.yaml',
      startedAt: start.toISOString(),
      finishedAt: new Date(clock).toISOString(),
      status: 'complete',
      verdict: 'passed',
      reason: null,
      trials,
      host: { hostname: 'runner-01', cores: 2, memoryMb: 24_000, browser: 'Chromium 156 (seeded)' },
    };
    // judged as `meetbench run` judges: the criteria engine fills every trial's criteria and the verdicts
    const { run } = scoreRun(recorded, compiled);
    await store.saveRun(run);
    report.runs++;
    report.trials += trials.length;
    if (!report.firstRunId) report.firstRunId = runId;
    report.lastRunId = runId;
  }
  return report;
}
