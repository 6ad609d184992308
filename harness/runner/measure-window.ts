/**
 * The measurement phase: the warm-up, then the window, second by second. The window's collectors start
 * when it opens and stop when it closes (the browsers still alive): every joined participant's samples,
 * the busiest thread of the participants' browsers, the shared browsers' group counters, and with
 * generated media what the receivers see and hear. Network timeline events (cuts, profile changes) are
 * applied at their second, counted from the window's opening (a slow reading does not stretch it).
 */
import { busiestThreadCollector } from '../collectors/busiest-thread.ts';
import { browserGroupsCollector } from '../collectors/browser-groups.ts';
import { browserProcessSource } from '../collectors/browser-process.ts';
import { guard, type Collected, type GuardedCollector } from '../collectors/collector.ts';
import { kernelCountersSource } from '../collectors/kernel-counters.ts';
import { mediaSourcesSource } from '../collectors/media-sources.ts';
import { participantSamplesCollector, type ParticipantSamples } from '../collectors/participant-samples.ts';
import type { ParticipantSource } from '../collectors/participant-source.ts';
import { webrtcStatsSource } from '../collectors/webrtc-stats.ts';
import { qualityCollector, type QualityResults } from '../collectors/quality.ts';
import { measuresQuality } from '../scenario/quality-scope.ts';
import type { BrowserPool } from '../participants/browser-pool.ts';
import type { PoolBrowserRecord } from '../participants/pool-report.ts';
import type { BusiestThread } from '../../results/summary/runner-health.ts';
import { askWhoLeft } from './meeting-presence.ts';
import type { TrialMember } from './place-participants.ts';
import { sleep, type TrialHooks, type TrialPlan } from './trial-plan.ts';

export interface WindowResults {
  samples: Collected<ParticipantSamples[]>;
  busiest: Collected<BusiestThread | null>;
  browsers: Collected<PoolBrowserRecord[]>;
  /** null when the scenario sends no generated media (nothing to measure) */
  quality: Collected<QualityResults> | null;
}

function sourcesOf(member: TrialMember, quality: ParticipantSource | null): ParticipantSource[] {
  const pid = member.participant.browserPid;
  const patterns = member.participant.options.patterns;
  return [
    webrtcStatsSource(member.participant),
    // a screen share and speaking turns: statistics by media source, where the scenario has them
    ...(patterns?.mediaSources ? [mediaSourcesSource(() => (member.participant.crashed ? null : member.participant.page), patterns.speaking ?? null)] : []),
    ...(quality ? [quality] : []),
    ...(member.namespace ? [kernelCountersSource(member.namespace)] : []),
    // a browser of its own (contexts of shared browsers have no pid): its process tree is the participant's CPU and memory
    ...(pid ? [browserProcessSource(pid)] : []),
  ];
}

/** null when nobody joined or the trial was interrupted first: there is no window to measure */
/** @param trialCollectors collectors that read for the whole trial and only learn here where the window starts (runner CPU) */
export async function measureWindow(
  members: TrialMember[],
  pool: BrowserPool,
  plan: TrialPlan,
  hooks: TrialHooks,
  ...trialCollectors: Array<GuardedCollector<unknown>>
): Promise<WindowResults | null> {
  const { scenario } = plan;
  if (!members.some((m) => m.outcome?.joined) || hooks.signal.aborted) return null;
  hooks.progress(`${plan.target.id}: warm-up ${scenario.warmupS} s, then measuring ${scenario.durationS} s`);
  await sleep(scenario.warmupS * 1000, hooks.signal);

  const joined = (m: TrialMember) => (): boolean => m.outcome?.joined === true;
  // the receivers' quality: started before the samples, whose sources then read it each second
  const receivers = measuresQuality(scenario) ? qualityCollector(members.map((m) => ({ participant: m.participant, joined: joined(m) }))) : null;
  const quality = receivers ? guard(receivers.collector) : null;
  const samples = guard(
    participantSamplesCollector(
      members.map((m, i) => ({ participant: m.participant, joined: joined(m), sources: () => sourcesOf(m, receivers?.source(i) ?? null) })),
    ),
  );
  // local browsers: each participant's own, and the shared ones
  const browserPids = (): number[] =>
    [...members.map((m) => m.participant.browserPid), ...pool.browsers().map((b) => b.pid)].filter((pid): pid is number => typeof pid === 'number');
  const busiest = guard(busiestThreadCollector(browserPids));
  const browsers = guard(browserGroupsCollector(pool));
  const all: Array<GuardedCollector<unknown>> = [...(quality ? [quality] : []), samples, busiest, browsers];

  for (const collector of [...all, ...trialCollectors]) await collector.start();
  for (const done of (await plan.networks?.tick(0)) ?? []) hooks.progress(`  t=0 s: ${done}`);
  // second t falls t seconds after the window opened, however long the readings take: a 5-s cut lasts 5 s
  const opened = Date.now();
  for (let t = 1; t <= scenario.durationS && !hooks.signal.aborted; t += 1) {
    await sleep(Math.max(0, opened + t * 1000 - Date.now()), hooks.signal);
    if (hooks.signal.aborted) break;
    await Promise.all(all.map((collector) => collector.sample(t)));
    for (const done of (await plan.networks?.tick(t)) ?? []) hooks.progress(`  t=${t} s: ${done}`);
    if (t % 10 === 0) hooks.progress(`  ${t}/${scenario.durationS} s`);
  }
  await askWhoLeft(members, hooks);
  return { samples: await samples.stop(), busiest: await busiest.stop(), browsers: await browsers.stop(), quality: quality ? await quality.stop() : null };
}
