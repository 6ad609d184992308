/**
 * What each seeded platform looks like on a normal night, and the incidents the seeded year contains
 * (a regression that gets fixed, a lasting degradation, a platform down), so trends and regression
 * markers have something true to show. Figures are plausible for 4 participants at 320x180 in a LAN room.
 */
export interface PlatformProfile {
  id: string;
  adapter: string;
  joinMs: number;
  uplinkKbps: number;
  downlinkKbps: number;
  lossPct: number;
  rttMs: number;
  fps: number;
}

export const SEED_PLATFORMS: readonly PlatformProfile[] = [
  { id: 'janus', adapter: 'janus-videoroom', joinMs: 1700, uplinkKbps: 520, downlinkKbps: 1010, lossPct: 0.3, rttMs: 12, fps: 29 },
  { id: 'galene', adapter: 'galene', joinMs: 1400, uplinkKbps: 480, downlinkKbps: 950, lossPct: 0.2, rttMs: 10, fps: 30 },
  { id: 'jitsi-meet', adapter: 'jitsi-meet', joinMs: 3100, uplinkKbps: 880, downlinkKbps: 1750, lossPct: 0.5, rttMs: 28, fps: 28 },
  { id: 'zimbra-connect', adapter: 'zimbra-connect', joinMs: 3900, uplinkKbps: 690, downlinkKbps: 1380, lossPct: 0.8, rttMs: 45, fps: 24 },
  { id: 'bigbluebutton', adapter: 'bigbluebutton', joinMs: 4300, uplinkKbps: 610, downlinkKbps: 1290, lossPct: 1.0, rttMs: 38, fps: 22 },
];

/** Multipliers applied to a platform's profile on a given night (day 0 is the first night of the year). */
export interface NightEffect {
  join: number;
  loss: number;
  fps: number;
  down: boolean;
}

export function nightEffect(platform: string, day: number, days: number): NightEffect {
  const effect: NightEffect = { join: 1, loss: 1, fps: 1, down: false };
  const at = (fraction: number): number => Math.floor(days * fraction);
  // jitsi-meet: an upgrade doubles the join time for two weeks, then a fix brings it back
  if (platform === 'jitsi-meet' && day >= at(0.55) && day < at(0.55) + 14) effect.join = 1.9;
  // bigbluebutton: a lasting loss increase after a network change in the last months
  if (platform === 'bigbluebutton' && day >= at(0.82)) effect.loss = 2.3;
  // zimbra-connect: slowly improving frame rate over the year (tuning)
  if (platform === 'zimbra-connect') effect.fps = 0.9 + 0.2 * (day / Math.max(1, days));
  // galene: one night down (the server did not restart after an update)
  if (platform === 'galene' && day === at(0.4)) effect.down = true;
  return effect;
}
