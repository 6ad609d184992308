/**
 * Which device each participant of a trial is, from its group (`participants.groups[].device`), and the
 * problems a scenario's devices have, by path, for the scenario loader. Participants are numbered in
 * group order, as for network profiles; a participant whose group names no device is the browser as it
 * is (null: nothing emulated).
 */
import { DeviceProblem, resolveDevice, type DeviceRef } from './catalogue.ts';
import type { DeviceOverride, NamedDevice } from './device-schema.ts';

export interface DeviceGroup {
  name?: string | undefined;
  count: number;
  device?: DeviceRef | undefined;
}

/** the name reports give a group's own (unnamed) profile */
function inlineName(ref: DeviceOverride): string {
  return ref.base ? `${ref.base}-custom` : 'custom';
}

export function groupDevice(ref: DeviceRef, inline: Record<string, DeviceOverride>): NamedDevice {
  return resolveDevice(ref, typeof ref === 'string' ? ref : inlineName(ref), inline);
}

/** one entry per participant index: its device, or null */
export function assignDevices(groups: readonly DeviceGroup[] | undefined, count: number, inline: Record<string, DeviceOverride>): Array<NamedDevice | null> {
  const result: Array<NamedDevice | null> = [];
  for (const group of groups ?? []) {
    const device = group.device === undefined ? null : groupDevice(group.device, inline);
    for (let i = 0; i < group.count; i += 1) result.push(device);
  }
  while (result.length < count) result.push(null);
  return result.slice(0, count);
}

export interface DevicePathProblem {
  path: string;
  message: string;
}

/** every device a scenario names, resolved: unknown names, loops and incomplete profiles, by path */
export function deviceProblems(groups: readonly DeviceGroup[] | undefined, inline: Record<string, DeviceOverride>): DevicePathProblem[] {
  const problems: DevicePathProblem[] = [];
  const check = (path: string, resolve: () => unknown): void => {
    try {
      resolve();
    } catch (error) {
      if (!(error instanceof DeviceProblem)) throw error;
      problems.push({ path: error.subPath ? `${path}.${error.subPath}` : path, message: error.message });
    }
  };
  for (const name of Object.keys(inline)) check(`deviceProfiles.${name}`, () => resolveDevice(name, name, inline));
  (groups ?? []).forEach((group, g) => {
    if (group.device !== undefined) check(`participants.groups[${g}].device`, () => groupDevice(group.device!, inline));
  });
  return problems;
}

/** the CPU slow-down factors a trial's participants have (1 for those without a device) */
export function cpuSlowdowns(devices: ReadonlyArray<NamedDevice | null>): number[] {
  return [...new Set(devices.map((d) => d?.profile.cpuSlowdown ?? 1))];
}
