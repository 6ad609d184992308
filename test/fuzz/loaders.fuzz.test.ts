/**
 * Fuzz of the scenario and criteria loaders: random YAML, mutations of the files we ship, random bytes and
 * alias bombs. Every input must end in a loaded file or a clear expected error (InputError / ExpectedError,
 * exit 2): never a crash, never a polluted Object.prototype, and within bounded time and memory.
 * Repeatable: MEETBENCH_FUZZ_SEED replays a run, MEETBENCH_FUZZ_CASES sets how many inputs per generator.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isExpectedError } from '../../results/errors.ts';
import { parseCriteriaText } from '../../results/criteria/load-criteria.ts';
import { loadScenario } from '../../harness/scenario/load-scenario.ts';
import { recordFault } from '../faults/helpers/fault-record.ts';
import { seededRandom } from './seeded-random.ts';
import { aliasBomb, mutate, randomBytes, randomDocument } from './yaml-mutations.ts';

const SEED = Number(process.env.MEETBENCH_FUZZ_SEED ?? 20261129);
const CASES = Number(process.env.MEETBENCH_FUZZ_CASES ?? 800);
/** one input must not take longer than this: the worst is a list of 150 000 items just under the 1 MiB cap (~1 s alone, more on a busy machine) */
const MAX_MS_PER_INPUT = 15_000;
const MAX_HEAP_GROWTH_MB = 256;

/**
 * The corpus the mutations start from: every scenario and criteria file meetbench ships. A file listed
 * here and missing fails the test (it once listed templates that did not exist and dropped them
 * silently), and so does a shipped template that is not listed.
 */
const SHIPPED = {
  scenario: [
    'scenarios/demo.yaml',
    'scenarios/zimbra-connect-vs-alternatives.yaml',
    ...['bigbluebutton', 'custom', 'janus-videocall', 'jitsi-meet', 'livekit-meet', 'nextcloud-talk', 'teleconsultation', 'zimbra-connect', 'zimbra-p2p'].map(
      (f) => `scenarios/platforms/${f}.yaml`,
    ),
  ],
  criteria: ['scenarios/criteria.yaml', 'scenarios/teleconsultation-criteria.yaml'],
};

describe('the fuzz corpus', () => {
  it('lists only files that exist, and every shipped scenario template', () => {
    const all = [...SHIPPED.scenario, ...SHIPPED.criteria];
    expect(all.filter((f) => !existsSync(f))).toEqual([]);
    const templates = readdirSync('scenarios/platforms')
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => `scenarios/platforms/${f}`);
    expect(templates.filter((f) => !SHIPPED.scenario.includes(f))).toEqual([]);
  });
});

type Loader = (text: string) => unknown;
const LOADERS: Record<'scenario' | 'criteria', Loader> = {
  scenario: (text) => loadScenario('fuzz.yaml', text),
  criteria: (text) => parseCriteriaText(text, 'fuzz.yaml'),
};

interface Outcome {
  inputs: number;
  loaded: number;
  refused: number;
  crashes: string[];
  slowest: number;
  polluted: number;
}

function fuzz(kind: 'scenario' | 'criteria', inputs: Iterable<string>): Outcome {
  const load = LOADERS[kind];
  const outcome: Outcome = { inputs: 0, loaded: 0, refused: 0, crashes: [], slowest: 0, polluted: 0 };
  for (const text of inputs) {
    outcome.inputs += 1;
    const started = performance.now();
    try {
      load(text);
      outcome.loaded += 1;
    } catch (error) {
      if (isExpectedError(error) && !/\n\s+at /.test(error.message)) outcome.refused += 1;
      else {
        const file = path.join(tmpdir(), `mb-fuzz-crash-${kind}-${outcome.crashes.length}.yaml`);
        writeFileSync(file, text);
        outcome.crashes.push(`${(error as Error).name}: ${(error as Error).message.slice(0, 200)} (input kept in ${file})`);
      }
    }
    outcome.slowest = Math.max(outcome.slowest, performance.now() - started);
    const probe = {} as Record<string, unknown>;
    if (Object.keys(Object.prototype).length > 0 || probe.polluted !== undefined || probe.room !== undefined) {
      outcome.polluted += 1;
      for (const key of Object.keys(Object.prototype)) delete (Object.prototype as Record<string, unknown>)[key];
    }
  }
  return outcome;
}

function* generated(kind: 'scenario' | 'criteria', random: () => number): Generator<string> {
  const shipped = SHIPPED[kind].map((f) => readFileSync(f, 'utf8'));
  for (let i = 0; i < CASES; i += 1) yield mutate(random, shipped[i % shipped.length]!);
  for (let i = 0; i < CASES / 3; i += 1) yield randomDocument(random);
  for (let i = 0; i < CASES / 3; i += 1) yield randomBytes(random);
  // bombs from harmless to a billion expansions, in the root and under a key the schema knows
  for (let levels = 1; levels <= 9; levels += 1) {
    yield aliasBomb(levels);
    yield `${aliasBomb(levels)}${kind === 'scenario' ? 'name' : 'version'}: *l${levels}\n`;
  }
  // near and over the 1 MiB size cap, from text already in memory (the file loader refuses before reading)
  yield `name: x\ndescription: "${'a'.repeat(1024 * 1024)}"\n`;
  yield `${'- item\n'.repeat(149_000)}`;
  yield `${'- item\n'.repeat(150_000)}`;
}

describe('loader fuzz', () => {
  for (const kind of ['scenario', 'criteria'] as const) {
    it(`${kind} loader: random, mutated and hostile YAML end in a loaded file or a clear error`, () => {
      const random = seededRandom(SEED + (kind === 'scenario' ? 1 : 2));
      global.gc?.();
      const heapBefore = process.memoryUsage().heapUsed;
      const started = Date.now();
      const outcome = fuzz(kind, generated(kind, random));
      const heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
      const lost = outcome.crashes.length + outcome.polluted + (outcome.slowest > MAX_MS_PER_INPUT ? 1 : 0);
      recordFault({
        id: kind === 'scenario' ? 'F1' : 'F2',
        part: 'fuzz',
        case: `fuzz of the ${kind} loader (seed ${SEED})`,
        trials: outcome.inputs,
        survived: outcome.inputs - lost,
        lost,
        figure:
          `${outcome.inputs} inputs in ${((Date.now() - started) / 1000).toFixed(1)} s: ${outcome.loaded} loaded, ${outcome.refused} refused with a clear error, ` +
          `${outcome.crashes.length} crashes, ${outcome.polluted} prototype pollutions; slowest input ${outcome.slowest.toFixed(0)} ms, heap ${heapGrowthMb >= 0 ? '+' : ''}${heapGrowthMb.toFixed(0)} MB` +
          (outcome.crashes.length ? `; ${outcome.crashes.slice(0, 3).join(' | ')}` : ''),
        test: 'test/fuzz/loaders.fuzz.test.ts',
      });
      expect(outcome.crashes).toEqual([]);
      expect(outcome.polluted).toBe(0);
      expect(outcome.slowest).toBeLessThan(MAX_MS_PER_INPUT);
      expect(heapGrowthMb).toBeLessThan(MAX_HEAP_GROWTH_MB);
      // the mutations must not all be trivially refused: some still load
      expect(outcome.loaded).toBeGreaterThan(0);
    }, 300_000);
  }
});
