/**
 * What the receivers can measure in a scenario (docs/quality.md): frame stamps come from the generated
 * camera, audio markers from the generated microphone. Remote browsers always send both
 * (page-scripts/generated-media.ts). Without any generated media nothing is measured and no receiver
 * script is injected, so a scenario that does not ask pays nothing.
 */
import { remoteCount } from '../participants/remote-browsers.ts';
import type { Scenario } from './scenario-schema.ts';

/** the first participant index on a remote browser (remote participants take the last indexes) */
const firstRemote = (scenario: Scenario): number => scenario.participants.count - remoteCount(scenario.remote);

export interface SenderSignals {
  /** its frames carry stamps */
  stampedVideo: boolean;
  /** its audio carries markers */
  markedAudio: boolean;
}

export function senderSignals(scenario: Scenario, index: number): SenderSignals {
  const remote = index >= firstRemote(scenario);
  const { camera, microphone } = scenario.participants.media;
  return { stampedVideo: remote || camera === 'generated', markedAudio: remote || microphone === 'generated' };
}

/** true when some sender sends stamped video or marked audio: the receivers then measure */
export function measuresQuality(scenario: Scenario): boolean {
  const senders = scenario.participants.count - scenario.participants.receivers;
  return Array.from({ length: senders }, (_, i) => senderSignals(scenario, i)).some((s) => s.stampedVideo || s.markedAudio);
}
