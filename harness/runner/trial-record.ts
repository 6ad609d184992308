/**
 * The trial as stored: each participant's entry (results/summary/participant-result.ts) with its network
 * profile and recovery, the runner's health over the window, the runner's verdict, what the senders
 * sent, and the errors of collectors that failed (their data is then missing, never made up).
 */
import type { Trial } from '../../results/run-record.ts';
import { participantDevice } from '../../results/summary/participant-device.ts';
import { participantResult } from '../../results/summary/participant-result.ts';
import { judgeRunner } from '../../results/summary/runner-health.ts';
import { trialVerdict } from '../../results/summary/trial-verdict.ts';
import { collectorErrors, type Collected } from '../collectors/collector.ts';
import { kernelRates } from '../collectors/kernel-counters.ts';
import { CORES, type RunnerCpuReadings } from '../collectors/runner-cpu.ts';
import type { BrowserPool } from '../participants/browser-pool.ts';
import { poolBrowsers } from '../participants/pool-report.ts';
import { microphoneUsed } from '../participants/audio-inputs.ts';
import { cameraUsed } from '../participants/video-inputs.ts';
import { remoteCount } from '../participants/remote-browsers.ts';
import { unmeasuredMetrics } from '../scenario/unmeasured-metrics.ts';
import { webLoadMetrics, type WebLoadResult } from '../web-load/run-web-load.ts';
import type { WindowResults } from './measure-window.ts';
import { participantQuality } from './trial-quality.ts';
import type { TrialMember } from './place-participants.ts';
import type { TrialPlan } from './trial-plan.ts';
import { trialMedia } from './trial-media.ts';

export interface TrialObservations {
  startedAt: string;
  members: TrialMember[];
  window: WindowResults | null;
  pool: BrowserPool;
  runnerCpu: Collected<RunnerCpuReadings>;
  webLoad: WebLoadResult | null;
  samplesFile: string | null;
  aborted: boolean;
}

export async function trialRecord(plan: TrialPlan, seen: TrialObservations): Promise<Trial> {
  const { scenario, target, adapter } = plan;
  const perMember = seen.window?.samples.value ?? [];
  const participants = await Promise.all(
    seen.members.map(async (m, i) => {
      const info = m.participant.options.info;
      const own = perMember[i] ?? { samples: [], crashedDuringWindow: false };
      const result = participantResult(
        {
          info: { name: info.name, role: info.role, room: info.room },
          join: m.outcome,
          samples: own.samples,
          inNamespace: m.namespace !== null,
          crashedDuringWindow: own.crashedDuringWindow,
          leftMeeting: m.leftMeeting ?? null,
          where: m.participant.where,
          candidateType: await m.participant.candidateType().catch(() => null),
          artifacts: m.participant.artifacts,
          consoleErrors: m.participant.consoleErrors,
        },
        target.id,
        webLoadMetrics(seen.webLoad),
      );
      // what it saw and heard of each sender, when the senders' media is generated
      const quality = seen.window?.quality?.value ? participantQuality(plan, seen.members, i, seen.window.quality.value, result.metrics.rtt_ms ?? null) : null;
      if (quality) Object.assign(result, { quality: quality.quality, metrics: { ...result.metrics, ...quality.metrics } });
      // the profile it had, what was (not) applied, and the recovery after cuts
      Object.assign(result, plan.networks?.result(i, own.samples, result.role, own.crashedDuringWindow) ?? {});
      const device = m.participant.options.device;
      if (device) {
        const applied = m.participant.device;
        result.device = participantDevice(
          { name: device.name, ...device.profile, userAgent: applied?.userAgent ?? device.profile.userAgent },
          applied?.observed ?? null,
        );
      }
      return result;
    }),
  );
  const cpu = seen.runnerCpu.value;
  const runner = judgeRunner(
    { readings: cpu?.readings ?? [], cores: cpu?.cores ?? CORES, loadAvg: cpu?.loadAvg ?? 0, busiest: seen.window?.busiest.value ?? null },
    scenario.runner.maxCpuPct,
  );
  const { verdict, reason } = trialVerdict(participants, runner.saturated, runner.reason ?? null, seen.aborted);
  // browsers of the pool have a record even when no window opened (nobody joined): without rates then
  const browsers = seen.window?.browsers.value ?? poolBrowsers(seen.pool.browsers(), null, kernelRates);
  const errors = collectorErrors([
    seen.runnerCpu,
    ...(seen.window ? [seen.window.samples, seen.window.busiest, seen.window.browsers, ...(seen.window.quality ? [seen.window.quality] : [])] : []),
  ]);
  const notMeasured = unmeasuredMetrics(scenario);
  const senders = scenario.participants.count - scenario.participants.receivers;
  const localSenders = Math.min(senders, scenario.participants.count - remoteCount(scenario.remote));
  const mediaModel = adapter.mediaModel?.(target.options) ?? null;
  const roomLimit = adapter.roomLimit?.(target.options) ?? null;
  return {
    id: plan.trialId,
    platform: target.id,
    adapter: adapter.id,
    scenario: scenario.name,
    network: plan.network,
    repeat: plan.repeat,
    startedAt: seen.startedAt,
    finishedAt: new Date().toISOString(),
    durationS: scenario.durationS,
    verdict,
    reason,
    participants,
    criteria: [],
    runner,
    samplesFile: seen.samplesFile,
    ...(browsers.length > 0 ? { browsers } : {}),
    ...(seen.webLoad ? { webLoad: seen.webLoad } : {}),
    ...(notMeasured.length > 0 ? { notMeasured } : {}),
    media: trialMedia(
      scenario,
      microphoneUsed(scenario.participants.media.microphone, localSenders, senders - localSenders),
      cameraUsed(scenario.participants.media.camera, localSenders, senders - localSenders),
    ),
    ...(scenario.screenShare ? { screenShare: { ...scenario.screenShare } } : {}),
    ...(errors.length > 0 ? { collectorErrors: errors } : {}),
    ...(mediaModel ? { mediaModel } : {}),
    ...(roomLimit ? { roomLimit } : {}),
    ...(plan.labPlatform ? { labPlatform: plan.labPlatform } : {}),
  };
}
