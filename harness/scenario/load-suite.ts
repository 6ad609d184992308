/**
 * Loads a suite file: YAML validated by the suite schema (file, line, path for every problem), then each
 * scenario file loaded and validated in turn, and the suite's overrides applied (platforms, `only`,
 * networks, repeats). What comes out is the list of scenarios exactly as the night will run them.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadYamlWithSchema } from '../../results/load-yaml.ts';
import { InputError, formatPath, type InputProblem } from '../../results/input-error.ts';
import { ADAPTERS } from '../adapters/registry.ts';
import { adapterFitProblems, loadScenario } from './load-scenario.ts';
import type { Scenario } from './scenario-schema.ts';
import { suiteSchema, type Suite } from './suite-schema.ts';

export interface LoadedSuite {
  file: string;
  suite: Suite;
  /** every scenario with the suite's overrides applied, in run order */
  scenarios: { file: string; scenario: Scenario }[];
  /** absolute path of the criteria file, or undefined */
  criteriaFile: string | undefined;
}

export function loadSuite(file: string): LoadedSuite {
  const suite = loadYamlWithSchema(file, suiteSchema);
  const dir = path.dirname(file);
  const problems: InputProblem[] = [];

  suite.platforms?.forEach((platform, index) => {
    const adapter = ADAPTERS[platform.adapter];
    if (!adapter) {
      problems.push({
        path: `platforms[${index}].adapter`,
        line: null,
        message: `unknown adapter "${platform.adapter}"; expected one of ${Object.keys(ADAPTERS).join(', ')}`,
      });
      return;
    }
    const options = adapter.optionsSchema.safeParse(platform.options);
    if (options.success) platform.options = options.data;
    else
      for (const issue of options.error.issues)
        problems.push({ path: formatPath(['platforms', index, 'options', ...(issue.path as PropertyKey[])]), line: null, message: issue.message });
  });
  const ids = suite.platforms?.map((p) => p.id);
  if (ids && new Set(ids).size !== ids.length) problems.push({ path: 'platforms', line: null, message: 'duplicate platform id' });

  const criteriaFile = suite.criteria ? path.resolve(dir, suite.criteria) : undefined;
  if (criteriaFile && !existsSync(criteriaFile)) problems.push({ path: 'criteria', line: null, message: `criteria file not found: ${criteriaFile}` });

  const scenarios: LoadedSuite['scenarios'] = [];
  suite.scenarios.forEach((relative, index) => {
    const scenarioFile = path.resolve(dir, relative);
    if (!existsSync(scenarioFile)) {
      problems.push({ path: `scenarios[${index}]`, line: null, message: `scenario file not found: ${scenarioFile}` });
      return;
    }
    // a broken scenario file reports its own file, line and path
    const scenario = loadScenario(scenarioFile);
    if (suite.platforms) scenario.platforms = structuredClone(suite.platforms);
    if (suite.only) scenario.platforms = scenario.platforms.filter((p) => suite.only!.includes(p.id));
    if (suite.networks) scenario.networks = [...suite.networks];
    if (suite.acceptPartialShaping !== undefined) scenario.acceptPartialShaping = suite.acceptPartialShaping;
    scenario.repeats = suite.repeats;
    // the suite's platforms replace the scenario's: check again that each can do what the scenario asks
    if (suite.platforms)
      for (const { message } of adapterFitProblems(scenario)) problems.push({ path: `scenarios[${index}]`, line: null, message: `${relative}: ${message}` });
    if (scenario.platforms.length === 0) {
      problems.push({ path: 'only', line: null, message: `no platform of ${relative} is left after "only: [${suite.only?.join(', ')}]"` });
      return;
    }
    scenarios.push({ file: scenarioFile, scenario });
  });
  const names = scenarios.map((s) => s.scenario.name);
  if (new Set(names).size !== names.length)
    problems.push({ path: 'scenarios', line: null, message: `two scenarios have the same name (${names.join(', ')}); names tell their trials apart` });

  if (problems.length > 0) throw new InputError(file, problems);
  return { file, suite, scenarios, criteriaFile };
}
