/**
 * The network-profile catalogue (scenarios/networks.yaml) and name resolution: a scenario's inline
 * `networkProfiles` come first, then the catalogue. Unknown names are refused with the list of known ones.
 */
import { fileURLToPath } from 'node:url';
import { cachedYamlLoader } from '../../results/load-yaml.ts';
import { HarnessError } from '../errors.ts';
import { catalogueSchema, type Catalogue, type NamedProfile, type NetworkProfile } from './profile-schema.ts';

export const CATALOGUE_FILE = fileURLToPath(new URL('../../scenarios/networks.yaml', import.meta.url));

const load = cachedYamlLoader(catalogueSchema);

export function loadCatalogue(file = CATALOGUE_FILE): Catalogue {
  return load(file);
}

/**
 * @param where the scenario field naming the profile, for the error message (e.g. "networks[1]")
 */
export function resolveProfile(name: string, inline: Record<string, NetworkProfile>, where: string, catalogue = loadCatalogue()): NamedProfile {
  const profile = inline[name] ?? catalogue.profiles[name];
  if (!profile) {
    const known = [...new Set([...Object.keys(inline), ...Object.keys(catalogue.profiles)])];
    throw new HarnessError('INVALID_INPUT', `${where}: unknown network profile "${name}"`, {
      hint: `known: ${known.join(', ')} (scenarios/networks.yaml, or define it under networkProfiles: in the scenario)`,
    });
  }
  return { name, profile };
}
