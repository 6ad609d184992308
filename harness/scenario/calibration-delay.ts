/**
 * The calibration delay of each participant: its group's `calibrationDelayMs` (groups take participants
 * in order), 0 without one. Only generated media is delayed (page-scripts/generated-camera.ts and
 * generated-microphone.ts hold each frame and chunk that long), which the scenario schema checks.
 */
import type { Scenario } from './scenario-schema.ts';

export function calibrationDelayMs(scenario: Scenario, index: number): number {
  let first = 0;
  for (const group of scenario.participants.groups ?? []) {
    if (index < first + group.count) return group.calibrationDelayMs ?? 0;
    first += group.count;
  }
  return 0;
}
