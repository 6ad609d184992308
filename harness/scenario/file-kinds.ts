/**
 * Which kind of meetbench file is this? Decided from its top-level keys (a scenario has `participants`,
 * a suite `scenarios`, a criteria file `measured` or `declared`, a network-profile catalogue `profiles`, a
 * device-profile catalogue `devices`),
 * falling back on its name, so
 * `meetbench validate *.yaml` checks each file against the right schema.
 */
import path from 'node:path';
import { parse } from 'yaml';
import { loadScenario } from './load-scenario.ts';
import { readYamlFile } from '../../results/load-yaml.ts';
import { InputError } from '../../results/input-error.ts';

export type FileKind = 'scenario' | 'suite' | 'criteria' | 'network catalogue' | 'device catalogue';

export function detectFileKind(file: string): FileKind {
  try {
    // the same bounded read as the loaders: a huge file, a device or a FIFO is refused here at once
    const data = parse(readYamlFile(file), { maxAliasCount: 50, uniqueKeys: false }) as unknown;
    if (data && typeof data === 'object' && !Array.isArray(data)) {
      const keys = Object.keys(data);
      if (keys.includes('participants')) return 'scenario';
      if (keys.includes('scenarios')) return 'suite';
      if (keys.includes('measured') || keys.includes('declared')) return 'criteria';
      if (keys.includes('profiles')) return 'network catalogue';
      if (keys.includes('devices')) return 'device catalogue';
    }
  } catch (error) {
    // a file that cannot be read is reported now; broken YAML by the kind's own loader, with file and line
    if (error instanceof InputError) throw error;
  }
  const name = path.basename(file).toLowerCase();
  if (name.includes('criteria')) return 'criteria';
  if (name.includes('suite') || name.includes('nightly')) return 'suite';
  if (name.includes('network')) return 'network catalogue';
  if (name.includes('device')) return 'device catalogue';
  return 'scenario';
}

type Validator = (file: string) => Promise<void>;

const VALIDATORS: Record<FileKind, Validator> = {
  scenario: async (file) => {
    loadScenario(file);
  },
  criteria: async (file) => {
    const { loadCriteriaFile } = await import('../../results/criteria/load-criteria.ts');
    loadCriteriaFile(file);
  },
  'network catalogue': async (file) => {
    const { loadCatalogue } = await import('../network/catalogue.ts');
    loadCatalogue(file);
  },
  'device catalogue': async (file) => {
    const { loadDeviceCatalogue } = await import('../devices/catalogue.ts');
    loadDeviceCatalogue(file);
  },
  suite: async (file) => {
    const { loadSuite } = await import('./load-suite.ts');
    loadSuite(file);
  },
};

export async function validateByKind(kind: FileKind, file: string): Promise<void> {
  await VALIDATORS[kind](file);
}
