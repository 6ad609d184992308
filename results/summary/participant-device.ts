/**
 * The device entry of a participant's record: the profile as it was applied (the user agent with the
 * browser's version filled in) and what its page read once joined. Pure; results/ knows no harness type,
 * so the profile comes in as plain fields.
 */
import type { ParticipantDevice } from '../run-record.ts';

export interface AppliedDevice {
  name: string;
  title: string;
  viewport: { width: number; height: number };
  deviceScaleFactor: number;
  mobile: boolean;
  touchPoints: number;
  userAgent: string | null;
  cpuSlowdown: number;
}

export function participantDevice(applied: AppliedDevice, observed: ParticipantDevice['observed']): ParticipantDevice {
  const { name, title, viewport, deviceScaleFactor, mobile, touchPoints, userAgent, cpuSlowdown } = applied;
  return { name, title, viewport: { ...viewport }, deviceScaleFactor, mobile, touchPoints, userAgent, cpuSlowdown, observed };
}
