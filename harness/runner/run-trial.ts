/**
 * One trial: the scenario's participants join one platform under one network profile, are measured for
 * the window after the warm-up, leave, and the trial record is built. The runner only records what
 * happened; criteria judge later (results/criteria). Faults are isolated per participant.
 */
import type { ResultsStore } from '../../results/store/results-store.ts';
import type { ParticipantResult, Sample, Trial, Verdict } from '../../results/run-record.ts';
import type { PlatformAdapter, PlatformTarget } from '../adapters/platform-adapter.ts';
import type { Scenario } from '../scenario/scenario-schema.ts';
import { Participant, type JoinOutcome } from '../participants/participant.ts';
import { removeParticipantNamespace, readParticipantCounters, type ParticipantNamespace } from '../lab/index.ts';
import { microphonesOpened, microphoneUsed } from '../participants/audio-inputs.ts';
import { remoteCount } from '../participants/remote-browsers.ts';
import { BrowserPool } from '../participants/browser-pool.ts';
import { poolBrowsers } from '../participants/pool-report.ts';
import { runWebLoad, webLoadMetrics, type WebLoadResult } from '../web-load/run-web-load.ts';
import { joinSlot } from './join-order.ts';
import { CORES, ProcessTreeSampler, RunnerCpuSampler } from './cpu-sampler.ts';
import { participantMetrics } from './summarize-participant.ts';
import { summarize as stats } from '../../results/statistics.ts';
import { judgeRunner } from './runner-health.ts';
import { watchBusiestThread, type BusiestThread } from './busiest-thread.ts';
import type { TrialNetworks } from '../network/trial-networks.ts';
import { unmeasuredMetrics } from '../scenario/unmeasured-metrics.ts';

export interface TrialPlan {
  runId: string;
  trialId: string;
  scenario: Scenario;
  target: PlatformTarget;
  adapter: PlatformAdapter;
  network: string;
  repeat: number;
  /** put each participant in its own lab namespace (needs root and a running lab) */
  useNamespaces: boolean;
  /** first participant namespace index, so two trials never share names */
  namespaceBase: number;
  /** network profiles of the participants and the timeline (issue 6); absent: nothing shaped */
  networks?: TrialNetworks;
}

export interface TrialHooks {
  progress(message: string): void;
  /** aborted by a signal or a deadline: stop measuring, clean up, mark the trial partial */
  signal: AbortSignal;
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

interface KernelReading {
  uplinkBytes: number;
  downlinkBytes: number;
  uplinkPackets: number;
  downlinkPackets: number;
  at: number;
}

/** Ethernet (14) + IPv4 (20) + UDP (8) bytes that the veth counts on every packet and getStats does not. */
export const FRAME_HEADER_BYTES = 42;

/** kbit/s between two kernel readings: raw (headers included) and payload (UDP payload, what getStats counts). */
export function kernelRates(before: KernelReading, after: KernelReading): { up: number; down: number; upPayload: number; downPayload: number } {
  const seconds = (after.at - before.at) / 1000;
  const rate = (bytes: number): number => Math.round(((bytes * 8) / 1000 / seconds) * 10) / 10;
  const upBytes = after.uplinkBytes - before.uplinkBytes;
  const downBytes = after.downlinkBytes - before.downlinkBytes;
  return {
    up: rate(upBytes),
    down: rate(downBytes),
    upPayload: rate(Math.max(0, upBytes - FRAME_HEADER_BYTES * (after.uplinkPackets - before.uplinkPackets))),
    downPayload: rate(Math.max(0, downBytes - FRAME_HEADER_BYTES * (after.downlinkPackets - before.downlinkPackets))),
  };
}

interface Member {
  participant: Participant;
  namespace: ParticipantNamespace | null;
  outcome: JoinOutcome | null;
  treeSampler: ProcessTreeSampler | null;
  kernelPrevious: KernelReading | null;
  samples: Sample[];
  crashedDuringWindow: boolean;
}

export async function runTrial(plan: TrialPlan, store: ResultsStore, hooks: TrialHooks): Promise<Trial> {
  const { scenario, target, adapter } = plan;
  const startedAt = new Date().toISOString();
  const artifactDir = await store.artifactDir(plan.runId, plan.trialId);
  const origin = new URL(target.url).origin;
  const count = scenario.participants.count;
  const members: Member[] = [];
  const runnerCpu = new RunnerCpuSampler();
  const cpuTimer = setInterval(() => runnerCpu.sample(), 1000);
  let windowStartIndex = 0;
  let aborted = false;
  // where participants run (own browsers, contexts of shared ones, remote browsers); see browser-pool.ts
  // senders take the first indexes and remote browsers the last ones (browser-pool.ts)
  const senders = count - scenario.participants.receivers;
  const localSenders = Math.min(senders, count - remoteCount(scenario.remote));
  const pool = new BrowserPool({
    mode: scenario.runner.browser,
    participantsPerBrowser: scenario.runner.participantsPerBrowser,
    microphones: microphonesOpened(senders, scenario.participants.media.microphone),
    isolation: scenario.runner.isolation,
    render: scenario.runner.render,
    count,
    useNamespaces: plan.useNamespaces,
    namespaceBase: plan.namespaceBase,
    insecureOrigins: [origin],
    remote: scenario.remote,
  });
  let groupCounters: Parameters<typeof poolBrowsers>[1] = null;
  let busiest: BusiestThread | null = null;
  let webLoad: Promise<WebLoadResult | null> = Promise.resolve(null);

  try {
    await adapter.prepare?.(target);
    const nameOf = (i: number): string => `${scenario.participants.namePrefix}${i + 1}`;
    for (let i = 0; i < count; i += 1) {
      const role = i >= count - scenario.participants.receivers ? 'receiver' : 'sender';
      const name = nameOf(i);
      const room = String((i % scenario.rooms.count) + 1);
      const roomMembers = Array.from({ length: count }, (_, j) => j).filter((j) => j % scenario.rooms.count === i % scenario.rooms.count).map(nameOf);
      const placement = await pool.place(i, name);
      const namespace: ParticipantNamespace | null = placement.namespace;
      // shaping goes on before the browser starts, so not one packet leaves unshaped
      await plan.networks?.setUp(i, namespace);
      const participant = new Participant({
        info: { name, index: i, role, room, roomMembers },
        platform: target,
        adapter: plan.networks?.adapterFor(i, adapter) ?? adapter,
        media: scenario.participants.media,
        playAudio: scenario.runner.playAudio,
        joinTimeoutMs: scenario.timeouts.joinMs,
        closeTimeoutMs: scenario.timeouts.closeMs,
        ...(placement.wrapper ? { wrapper: placement.wrapper } : {}),
        ...(placement.acquire ? { acquire: placement.acquire } : {}),
        insecureOrigins: [origin],
        artifactDir,
      });
      members.push({ participant, namespace, outcome: null, treeSampler: null, kernelPrevious: null, samples: [], crashedDuringWindow: false });
    }

    // Joins start rampUpMs apart and run concurrently; each is bounded by its own timeout.
    hooks.progress(`${target.id}: ${count} participant(s) joining, ${scenario.participants.rampUpMs} ms apart`);
    // the web-tier load starts with the first join: the rush of a meeting's start
    if (scenario.webLoad) webLoad = runWebLoad(scenario.webLoad, target.url, hooks.signal);
    const joins = members.map(async (member, i) => {
      await sleep(joinSlot(i, scenario.rooms.count, adapter.capabilities.roomSize) * scenario.participants.rampUpMs, hooks.signal);
      if (hooks.signal.aborted) {
        member.outcome = { joined: false, marks: {}, joinTimeMs: null, error: 'interrupted before joining', errorStep: 'interrupted' };
        return;
      }
      member.outcome = await member.participant.join();
      const o = member.outcome;
      hooks.progress(o.joined ? `  ${member.participant.name} joined in ${o.joinTimeMs} ms` : `  ${member.participant.name} FAILED at ${o.errorStep}: ${o.error}`);
      if (member.participant.browserPid) member.treeSampler = new ProcessTreeSampler(member.participant.browserPid);
    });
    await Promise.all(joins);

    const joined = members.filter((m) => m.outcome?.joined);
    if (joined.length > 0 && !hooks.signal.aborted) {
      hooks.progress(`${target.id}: warm-up ${scenario.warmupS} s, then measuring ${scenario.durationS} s`);
      await sampleAll(members, 0, false);
      await sleep(scenario.warmupS * 1000, hooks.signal);
      await sampleAll(members, 0, false);
      windowStartIndex = runnerCpu.readings.length;
      for (const done of (await plan.networks?.tick(0)) ?? []) hooks.progress(`  t=0 s: ${done}`);
      const groupStart = await pool.groupCounters();
      // local browsers: each participant's own, and the shared ones
      const roots = [...members.map((m) => m.participant.browserPid), ...pool.browsers().map((b) => b.pid)].filter((pid): pid is number => typeof pid === 'number');
      const endThreadWatch = watchBusiestThread(roots);
      for (let t = 1; t <= scenario.durationS && !hooks.signal.aborted; t += 1) {
        await sleep(1000, hooks.signal);
        if (hooks.signal.aborted) break;
        await sampleAll(members, t, true);
        for (const done of (await plan.networks?.tick(t)) ?? []) hooks.progress(`  t=${t} s: ${done}`);
        if (t % 10 === 0) hooks.progress(`  ${t}/${scenario.durationS} s`);
      }
      busiest = endThreadWatch();
      groupCounters = { start: groupStart, end: await pool.groupCounters() };
      await pool.countRenderers();
    }
    aborted = hooks.signal.aborted;
  } finally {
    clearInterval(cpuTimer);
    // marks again: events after the join (first remote frame of the first participant) are now known
    await Promise.all(
      members.map(async (m) => {
        if (m.outcome?.joined) m.outcome.marks = { ...m.outcome.marks, ...(await m.participant.marks().catch(() => ({}))) };
      }),
    );
    plan.networks?.finish();
    await Promise.all(members.map((m) => m.participant.leave().catch(() => undefined)));
    await Promise.all(members.map((m) => m.participant.close().catch(() => 'killed')));
    await pool.close(scenario.timeouts.closeMs);
    for (const m of members) if (m.namespace) await removeParticipantNamespace(m.namespace).catch(() => undefined);
  }

  const allSamples = members.flatMap((m) => m.samples);
  const notMeasured = unmeasuredMetrics(scenario);
  const samplesFile = allSamples.length > 0 ? await store.appendSamples(plan.runId, plan.trialId, allSamples) : null;
  const webLoadResult = await webLoad.catch((error: unknown) => {
    hooks.progress(`  web load failed: ${(error as Error).message}`);
    return null;
  });
  const participants = await Promise.all(members.map((m) => participantResult(m, target, webLoadMetrics(webLoadResult))));
  // the profile each participant had, what was (not) applied, and the recovery after cuts
  participants.forEach((p, i) => Object.assign(p, plan.networks?.result(i, members[i]?.samples ?? [], p.role, members[i]?.crashedDuringWindow ?? false) ?? {}));
  const windowCpu = runnerCpu.readings.slice(windowStartIndex);
  const runner = judgeRunner(windowCpu.length > 0 ? windowCpu : runnerCpu.readings, scenario.runner.maxCpuPct, CORES, busiest);
  const { verdict, reason } = trialVerdict(participants, runner.saturated, runner.reason ?? null, aborted);

  return {
    id: plan.trialId,
    platform: target.id,
    adapter: adapter.id,
    scenario: scenario.name,
    network: plan.network,
    repeat: plan.repeat,
    startedAt,
    finishedAt: new Date().toISOString(),
    durationS: scenario.durationS,
    verdict,
    reason,
    participants,
    criteria: [],
    runner,
    samplesFile,
    ...(pool.browsers().length > 0 ? { browsers: poolBrowsers(pool.browsers(), groupCounters, kernelRates) } : {}),
    ...(webLoadResult ? { webLoad: webLoadResult } : {}),
    ...(notMeasured.length > 0 ? { notMeasured } : {}),
    media: { ...scenario.participants.media, microphone: microphoneUsed(scenario.participants.media.microphone, localSenders, senders - localSenders) },
  };

  async function sampleAll(all: Member[], t: number, keep: boolean): Promise<void> {
    await Promise.all(
      all.map(async (m) => {
        if (!m.outcome?.joined) return;
        if (m.participant.crashed) {
          if (keep) m.crashedDuringWindow = true;
          return;
        }
        const sample = await m.participant.sample(t);
        const tree = m.treeSampler?.sample() ?? null;
        let kernel: ReturnType<typeof kernelRates> | null = null;
        if (m.namespace) {
          const now = await readParticipantCounters(m.namespace).catch(() => null);
          if (now && m.kernelPrevious) kernel = kernelRates(m.kernelPrevious, now);
          m.kernelPrevious = now;
        }
        if (keep && sample) {
          m.samples.push({
            ...sample,
            kernelUplinkKbps: kernel?.up ?? null,
            kernelDownlinkKbps: kernel?.down ?? null,
            kernelUplinkPayloadKbps: kernel?.upPayload ?? null,
            kernelDownlinkPayloadKbps: kernel?.downPayload ?? null,
            cpuPct: tree?.cpuPct ?? null,
            memoryMb: tree?.memoryMb ?? null,
          });
        }
      }),
    );
  }
}

async function participantResult(m: Member, target: PlatformTarget, trialMetrics: Record<string, number | null>): Promise<ParticipantResult> {
  const o = m.outcome ?? { joined: false, marks: {}, joinTimeMs: null, error: 'never started', errorStep: 'launch' };
  const marks = o.marks;
  const since = (from: number | undefined, to: number | undefined): number | null => (from !== undefined && to !== undefined ? Math.max(0, Math.round(to - from)) : null);
  const metrics = participantMetrics(m.samples);
  metrics.join_time_ms = o.joinTimeMs;
  metrics.join_success = o.joined ? 1 : 0;
  metrics.first_remote_frame_ms = marks.firstRemoteFrame ?? null;
  metrics.page_load_ms = marks.pageLoad ?? null;
  metrics.ui_ready_ms = marks.uiReady ?? null;
  metrics.signalling_ms = since(marks.joinAction, marks.remoteDescription);
  metrics.ice_ms = since(marks.joinAction, marks.iceConnected);
  Object.assign(metrics, trialMetrics);
  const crashed = m.crashedDuringWindow;
  const info = m.participant.options.info;
  return {
    name: info.name,
    role: info.role,
    room: info.room,
    network: null,
    joined: o.joined,
    joinTimeMs: o.joinTimeMs,
    phases: { pageLoadMs: metrics.page_load_ms, uiReadyMs: metrics.ui_ready_ms, signallingMs: metrics.signalling_ms, iceMs: metrics.ice_ms },
    firstRemoteFrameMs: marks.firstRemoteFrame ?? null,
    uplinkKbps: stats(m.samples.map((s) => s.uplinkKbps)),
    downlinkKbps: stats(m.samples.map((s) => s.downlinkKbps)),
    kernel: m.namespace
      ? {
          uplinkKbps: metrics.kernel_uplink_kbps ?? null,
          downlinkKbps: metrics.kernel_downlink_kbps ?? null,
          uplinkPayloadKbps: stats(m.samples.map((s) => s.kernelUplinkPayloadKbps)).avg,
          downlinkPayloadKbps: stats(m.samples.map((s) => s.kernelDownlinkPayloadKbps)).avg,
        }
      : null,
    metrics,
    browser: m.participant.where,
    candidateType: await m.participant.candidateType().catch(() => null),
    error: crashed ? `the browser disappeared during the measurement (crash or kill) on ${target.id}` : o.error,
    errorStep: crashed ? 'browser-crashed' : o.errorStep,
    artifacts: m.participant.artifacts,
    consoleErrors: m.participant.consoleErrors.slice(0, 20),
  };
}

/**
 * The runner's own verdict, before criteria: broken when nobody could be measured, inconclusive when the
 * runner was saturated or the trial was cut short, failed when some participants did not join or crashed.
 */
export function trialVerdict(participants: ParticipantResult[], saturated: boolean, saturationReason: string | null, aborted: boolean): { verdict: Verdict; reason: string | null } {
  const joined = participants.filter((p) => p.joined).length;
  const total = participants.length;
  if (joined === 0) {
    const first = participants.find((p) => p.error);
    return { verdict: 'broken', reason: `no participant joined${first ? `: ${first.name} failed at ${first.errorStep}: ${first.error}` : ''}` };
  }
  if (aborted) return { verdict: 'inconclusive', reason: 'the trial was interrupted before the end of its measurement window' };
  if (saturated) return { verdict: 'inconclusive', reason: saturationReason };
  const failed = participants.filter((p) => !p.joined || p.error);
  if (failed.length > 0) {
    const first = failed[0] as ParticipantResult;
    return { verdict: 'failed', reason: `${joined} of ${total} joined; ${first.name}: ${first.errorStep}: ${first.error}` };
  }
  return { verdict: 'passed', reason: null };
}
