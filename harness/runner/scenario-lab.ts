/**
 * The lab a scenario needs: the reference platforms its `lab:` URLs name (and the TURN server for
 * turn-only profiles), with rooms large enough for its meetings; and each platform's target, a lab
 * platform resolved to the address it got.
 */
import type { LabPlatformInfo } from '../../results/run-record.ts';
import type { PlatformTarget } from '../adapters/platform-adapter.ts';
import { HarnessError } from '../errors.ts';
import { labUp, REFERENCE_PLATFORMS, type LabState } from '../lab/index.ts';
import { needsTurn } from '../network/participant-networks.ts';
import type { Scenario, ScenarioPlatform } from '../scenario/scenario-schema.ts';

export const LAB_PREFIX = 'lab:';

/**
 * How long a run waits for another run's lab to go (the lab is one per machine): MEETBENCH_LAB_WAIT_S,
 * default 0 (refused at once, exit 3). A nightly suite that may meet an engineer's lab, or tests sharing
 * a machine, set it.
 */
function labWaitMs(): number {
  const text = process.env.MEETBENCH_LAB_WAIT_S;
  if (text === undefined || text === '') return 0;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds < 0)
    throw new HarnessError('INVALID_FLAG', `MEETBENCH_LAB_WAIT_S=${JSON.stringify(text)}: expected a number of seconds, 0 or more`);
  return seconds * 1000;
}

export const isLabPlatform = (platform: ScenarioPlatform): boolean => platform.url.startsWith(LAB_PREFIX);

function labPlatformIds(scenario: Scenario): string[] {
  const ids = new Set(scenario.platforms.filter(isLabPlatform).map((p) => p.url.slice(LAB_PREFIX.length)));
  // turn-only profiles need the lab's TURN server
  if (ids.size > 0 && needsTurn(scenario)) ids.add('coturn');
  return [...ids];
}

/** brings up (or reuses) the lab the scenario needs; null when it names no lab platform */
export async function labForScenario(scenario: Scenario, dataDir: string, progress: (message: string) => void): Promise<LabState | null> {
  const ids = labPlatformIds(scenario);
  if (ids.length === 0) return null;
  // a capacity search puts up to capacity.max participants in one room
  const maxPublishers = Math.max(2, Math.ceil(scenario.participants.count / scenario.rooms.count) + 1, (scenario.capacity?.max ?? 0) + 1);
  const up = await labUp({
    dataDir,
    platforms: ids,
    rooms: {
      count: Math.max(scenario.rooms.count, 4),
      maxPublishers: Math.max(maxPublishers, 8),
      ...(scenario.rooms.bitrateKbps ? { bitrateBps: scenario.rooms.bitrateKbps * 1000 } : {}),
    },
    onProgress: (m) => progress(`lab: ${m}`),
    waitMs: labWaitMs(),
  });
  return up.state;
}

export function resolveTarget(platform: ScenarioPlatform, lab: LabState | null): PlatformTarget {
  if (!isLabPlatform(platform)) {
    return {
      id: platform.id,
      adapter: platform.adapter,
      url: platform.url,
      options: platform.options,
      acceptSelfSignedCertificate: platform.acceptSelfSignedCertificate === true,
    };
  }
  const labId = platform.url.slice(LAB_PREFIX.length);
  const record = lab?.platforms.find((p) => p.id === labId);
  if (!record?.endpoints) throw new HarnessError('LAB_FAILED', `platform ${platform.id}: the lab has no running "${labId}"`);
  // lab page URLs carry {room}; adapters compose their own paths from the origin
  const url = new URL(record.endpoints.pageUrl.replaceAll('{room}', '1')).origin;
  return { id: platform.id, adapter: platform.adapter, url, options: { ...platform.options } };
}

/** a lab platform that stands for another product (a reconstruction): its name and sources, for the trial record */
export function labPlatformInfo(platform: ScenarioPlatform): LabPlatformInfo | undefined {
  return isLabPlatform(platform) ? REFERENCE_PLATFORMS[platform.url.slice(LAB_PREFIX.length)]?.platform.describes : undefined;
}

/**
 * The scenario without the lab platforms this machine cannot run (each one's own `check`: LiveKit not
 * built for want of Go, a package missing), and why each was left out. For the demo, which compares
 * what it can; a scenario the user wrote is refused whole instead (labUp says why).
 */
export async function withoutUnrunnableLabPlatforms(scenario: Scenario): Promise<{ scenario: Scenario; leftOut: string[] }> {
  const leftOut: string[] = [];
  const kept: ScenarioPlatform[] = [];
  for (const platform of scenario.platforms) {
    const registered = isLabPlatform(platform) ? REFERENCE_PLATFORMS[platform.url.slice(LAB_PREFIX.length)] : undefined;
    const status = registered ? await registered.platform.check() : { ok: true, detail: '' };
    if (status.ok) kept.push(platform);
    else leftOut.push(`${platform.title ?? platform.id}: ${status.detail}`);
  }
  return { scenario: { ...scenario, platforms: kept }, leftOut };
}
