/**
 * The device-profile catalogue (scenarios/devices.yaml) and name resolution: a scenario's own
 * `deviceProfiles` come first, then the catalogue. A profile with a `base` starts from that profile and
 * changes what it names. Unknown names and incomplete profiles are problems with the path at fault; the
 * scenario loader gives them their line.
 */
import { fileURLToPath } from 'node:url';
import { cachedYamlLoader } from '../../results/load-yaml.ts';
import { REQUIRED_FIELDS, deviceProfileSchema, deviceCatalogueSchema, type DeviceCatalogue, type DeviceOverride, type NamedDevice } from './device-schema.ts';

export const DEVICE_CATALOGUE_FILE = fileURLToPath(new URL('../../scenarios/devices.yaml', import.meta.url));

const load = cachedYamlLoader(deviceCatalogueSchema);

export function loadDeviceCatalogue(file = DEVICE_CATALOGUE_FILE): DeviceCatalogue {
  return load(file);
}

/** a device as a scenario names it: a profile name, or an inline profile (whole, or a base with changes) */
export type DeviceRef = string | DeviceOverride;

/** what went wrong resolving a device, with the path (relative to where the reference sits) */
export class DeviceProblem extends Error {
  constructor(
    message: string,
    readonly subPath: string = '',
  ) {
    super(message);
  }
}

/**
 * @param label the name reports give an inline profile (e.g. "tablets" for a group's own)
 */
export function resolveDevice(
  ref: DeviceRef,
  label: string,
  inline: Record<string, DeviceOverride>,
  catalogue = loadDeviceCatalogue(),
  seen: string[] = [],
): NamedDevice {
  if (typeof ref === 'string') {
    if (seen.includes(ref)) throw new DeviceProblem(`device profiles base each other in a loop: ${[...seen, ref].join(' → ')}`);
    const own = inline[ref];
    if (own) return { ...resolveDevice(own, ref, inline, catalogue, [...seen, ref]), name: ref };
    const profile = catalogue.devices[ref];
    if (profile) return { name: ref, profile };
    const known = [...new Set([...Object.keys(inline), ...Object.keys(catalogue.devices)])];
    throw new DeviceProblem(
      `unknown device profile "${ref}"; expected one of ${known.join(', ')} (scenarios/devices.yaml, or define it under deviceProfiles: in the scenario)`,
    );
  }
  const { base, ...changes } = ref;
  let merged: Record<string, unknown> = { ...changes };
  if (base !== undefined) {
    let from: NamedDevice;
    try {
      from = resolveDevice(base, base, inline, catalogue, seen);
    } catch (error) {
      throw error instanceof DeviceProblem ? new DeviceProblem(error.message, error.subPath || 'base') : error;
    }
    merged = { ...from.profile, ...changes, sources: { ...from.profile.sources, ...changes.sources } };
  }
  const missing = REQUIRED_FIELDS.filter((field) => merged[field] === undefined);
  if (missing.length > 0) throw new DeviceProblem(`a device profile without a base needs ${missing.join(', ')}; or name a catalogue profile as its base`);
  const profile = deviceProfileSchema.safeParse(merged);
  if (!profile.success) {
    const issue = profile.error.issues[0]!;
    throw new DeviceProblem(issue.message, issue.path.join('.'));
  }
  return { name: label, profile: profile.data };
}
