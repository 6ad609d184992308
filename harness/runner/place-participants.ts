/**
 * The placement phase of a trial: where each participant runs (a browser of its own, a context of a shared
 * one, a remote browser; see participants/browser-pool.ts), its lab namespace shaped before its browser
 * starts (not one packet leaves unshaped), its room and role, its device. Senders take the first indexes, receivers
 * the last; participant i goes to room i mod rooms.count.
 */
import type { ParticipantNamespace } from '../lab/index.ts';
import { assignDevices } from '../devices/participant-devices.ts';
import { microphonesOpened } from '../participants/audio-inputs.ts';
import { BrowserPool } from '../participants/browser-pool.ts';
import { Participant, type JoinOutcome } from '../participants/participant.ts';
import { participantPatterns } from './participant-patterns.ts';
import { calibrationDelayMs } from '../scenario/calibration-delay.ts';
import { measuresQuality } from '../scenario/quality-scope.ts';
import { PICTURE_EVERY_MS } from '../participants/quality-page-script.ts';
import type { TrialPlan } from './trial-plan.ts';

export interface TrialMember {
  participant: Participant;
  namespace: ParticipantNamespace | null;
  /** null until its join ended */
  outcome: JoinOutcome | null;
  /** joined, then no longer in the meeting at the end of the window, in the platform's words (meeting-presence.ts) */
  leftMeeting?: string | null;
}

export function createBrowserPool(plan: TrialPlan): BrowserPool {
  const { scenario } = plan;
  const senders = scenario.participants.count - scenario.participants.receivers;
  return new BrowserPool({
    mode: scenario.runner.browser,
    participantsPerBrowser: scenario.runner.participantsPerBrowser,
    microphones: microphonesOpened(senders, scenario.participants.media.microphone),
    isolation: scenario.runner.isolation,
    render: scenario.runner.render,
    count: scenario.participants.count,
    useNamespaces: plan.useNamespaces,
    namespaceBase: plan.namespaceBase,
    insecureOrigins: [new URL(plan.target.url).origin],
    remote: scenario.remote,
  });
}

/** places every participant in turn; `members` fills as it goes, so a failure half-way still tears down those placed */
export async function placeParticipants(plan: TrialPlan, pool: BrowserPool, artifactDir: string, members: TrialMember[]): Promise<void> {
  const { scenario, target, adapter } = plan;
  const { count, receivers, namePrefix } = scenario.participants;
  const rooms = scenario.rooms.count;
  const { width, height } = scenario.participants.media;
  const quality = measuresQuality(scenario) ? { capture: { width, height }, pictureEveryMs: PICTURE_EVERY_MS, audio: scenario.runner.playAudio } : undefined;
  const nameOf = (i: number): string => `${namePrefix}${i + 1}`;
  const devices = assignDevices(scenario.participants.groups, count, scenario.deviceProfiles);
  // every page counts speaking turns from this moment
  const epochMs = Date.now();
  for (let i = 0; i < count; i += 1) {
    const name = nameOf(i);
    const roomMembers = Array.from({ length: count }, (_, j) => j)
      .filter((j) => j % rooms === i % rooms)
      .map(nameOf);
    const placement = await pool.place(i, name);
    await plan.networks?.setUp(i, placement.namespace);
    const participant = new Participant({
      info: { name, index: i, role: i >= count - receivers ? 'receiver' : 'sender', room: String((i % rooms) + 1), roomMembers },
      platform: target,
      adapter: plan.networks?.adapterFor(i, adapter) ?? adapter,
      media: { ...scenario.participants.media, calibrationDelayMs: calibrationDelayMs(scenario, i) },
      device: devices[i] ?? null,
      patterns: participantPatterns(scenario, adapter, i, epochMs),
      playAudio: scenario.runner.playAudio,
      ...(quality ? { quality } : {}),
      joinTimeoutMs: scenario.timeouts.joinMs,
      closeTimeoutMs: scenario.timeouts.closeMs,
      ...(placement.wrapper ? { wrapper: placement.wrapper } : {}),
      ...(placement.acquire ? { acquire: placement.acquire } : {}),
      insecureOrigins: [new URL(target.url).origin],
      artifactDir,
    });
    members.push({ participant, namespace: placement.namespace, outcome: null });
  }
}
