/**
 * Loads a scenario file: YAML parsed defensively, validated by the schema (every problem with file, line
 * and path), then adapter ids and adapter options checked against the registry.
 */
import { LineCounter, parseDocument } from 'yaml';
import { parseYamlWithSchema, readYamlFile } from '../../results/load-yaml.ts';
import { InputError, formatPath, type InputProblem } from '../../results/input-error.ts';
import { ADAPTERS } from '../adapters/registry.ts';
import { scenarioDeviceProblems, screenShareProblems } from './participant-fit.ts';
import { scenarioSchema, type Scenario } from './scenario-schema.ts';

export function loadScenario(file: string, text?: string): Scenario {
  // read once: the second pass below finds its lines in the same text
  const source = text ?? readYamlFile(file);
  const scenario = parseYamlWithSchema(source, file, scenarioSchema);
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  scenario.platforms.forEach((platform, index) => {
    if (seen.has(platform.id)) problems.push({ path: `platforms[${index}].id`, line: null, message: `duplicate platform id "${platform.id}"` });
    seen.add(platform.id);
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
    if (!options.success) {
      for (const issue of options.error.issues) {
        problems.push({ path: formatPath(['platforms', index, 'options', ...(issue.path as PropertyKey[])]), line: null, message: issue.message });
      }
    } else {
      platform.options = options.data;
    }
  });
  problems.push(...adapterFitProblems(scenario).map(({ index, message }) => ({ path: `platforms[${index}].adapter`, line: null, message })));
  problems.push(...scenarioDeviceProblems(scenario));
  if (problems.length > 0) throw new InputError(file, withLines(source, problems));
  return scenario;
}

/** What the scenario asks of each platform's adapter that the adapter cannot do, by platform index. */
export function adapterFitProblems(scenario: Scenario): { index: number; message: string }[] {
  return [
    ...receiveOnlyProblems(scenario),
    ...sharedProfileProblems(scenario),
    ...roomSizeProblems(scenario),
    ...roomLimitProblems(scenario),
    ...screenShareProblems(scenario),
  ];
}

/**
 * A platform whose meetings hold at most N (a mesh: every member sends to every other) with a larger
 * room would measure a meeting the product refuses: refused, with the adapter's reason and what fits.
 * Participant i goes to room i mod rooms.count, so the largest room holds count / rooms.count, rounded up.
 */
function roomLimitProblems(scenario: Scenario): { index: number; message: string }[] {
  return scenario.platforms.flatMap((platform, index) => {
    const adapter = ADAPTERS[platform.adapter];
    const options = adapter?.optionsSchema.safeParse(platform.options);
    const limit = options?.success ? adapter?.roomLimit?.(options.data) : null;
    if (!limit) return [];
    const who = `platform "${platform.id}" (adapter ${platform.adapter}) holds meetings of at most ${limit.max}: ${limit.why}`;
    if (scenario.capacity && scenario.capacity.max > limit.max) return [{ index, message: `${who}; expected capacity.max at most ${limit.max}` }];
    const largest = Math.ceil(scenario.participants.count / scenario.rooms.count);
    if (largest <= limit.max) return [];
    const rooms = Math.ceil(scenario.participants.count / limit.max);
    return [
      {
        index,
        message: `${who}; participants.count ${scenario.participants.count} over rooms.count ${scenario.rooms.count} makes rooms of ${largest}; expected rooms.count ${rooms} or more, or participants.count ${limit.max * scenario.rooms.count} or fewer`,
      },
    ];
  });
}

/**
 * A platform with rooms of a fixed size (a 1:1 call) with more or fewer participants in a room would
 * leave someone waiting for a call that never comes, or calling nobody: refused, with the numbers that fit.
 */
function roomSizeProblems(scenario: Scenario): { index: number; message: string }[] {
  return scenario.platforms.flatMap((platform, index) => {
    const size = ADAPTERS[platform.adapter]?.capabilities.roomSize;
    if (size === undefined) return [];
    const who = `platform "${platform.id}" (adapter ${platform.adapter}) carries rooms of exactly ${size}`;
    if (scenario.capacity) return [{ index, message: `${who}, but a capacity search grows one room; expected no capacity section for it` }];
    const { count } = scenario.participants;
    if (count === scenario.rooms.count * size) return [];
    const fits = count % size === 0 ? `, or rooms.count ${count / size}` : '';
    return [
      {
        index,
        message: `${who}, but participants.count ${count} over rooms.count ${scenario.rooms.count} does not make rooms of ${size}; expected participants.count ${scenario.rooms.count * size}${fits}`,
      },
    ];
  });
}

/**
 * Pages of one profile (`runner.isolation: page`) on an adapter that does not allow them would measure
 * participants waiting on each other's connections or sessions: refused, with the adapter's reason.
 */
function sharedProfileProblems(scenario: Scenario): { index: number; message: string }[] {
  if (scenario.runner.isolation !== 'page') return [];
  return scenario.platforms.flatMap((platform, index) => {
    const adapter = ADAPTERS[platform.adapter];
    if (!adapter) return [];
    const why = adapter.sharedProfile ? adapter.sharedProfile(platform.options) : 'its adapter does not say that participants can share one browser profile';
    if (why === null) return [];
    return [
      {
        index,
        message: `runner.isolation is page but platform "${platform.id}" (adapter ${adapter.id}) cannot run as pages of one profile: ${why}; expected isolation: context for it`,
      },
    ];
  });
}

/**
 * A receiver on an adapter that cannot join receive-only would publish like a sender (the fake camera is
 * there) and be reported as a receiver: refused instead. One problem per such platform, by its index.
 */
function receiveOnlyProblems(scenario: Scenario): { index: number; message: string }[] {
  const receivers = scenario.participants.receivers;
  if (receivers === 0) return [];
  const able = Object.values(ADAPTERS)
    .filter((a) => a.capabilities.receiveOnly)
    .map((a) => a.id);
  return scenario.platforms.flatMap((platform, index) => {
    const adapter = ADAPTERS[platform.adapter];
    if (!adapter || adapter.capabilities.receiveOnly) return [];
    const message = `participants.receivers is ${receivers} but platform "${platform.id}" (adapter ${adapter.id}) cannot join receive-only; expected receivers: 0 for it, or an adapter that can (${able.join(', ')})`;
    return [{ index, message }];
  });
}

/** Second-pass problems (adapters, options) get the line of the node they name, like the schema's own. */
function withLines(text: string, problems: InputProblem[]): InputProblem[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  return problems.map((problem) => {
    const segments = problem.path
      .split(/\.|\[(\d+)\]/)
      .filter((s) => s !== undefined && s !== '')
      .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    for (let depth = segments.length; depth > 0; depth -= 1) {
      const node = doc.getIn(segments.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return { ...problem, line: lineCounter.linePos(node.range[0]).line };
    }
    return problem;
  });
}
