/**
 * Fault catalogue, scenario and criteria input (README \"Reliability\", C1–C8): hostile files through
 * the real loaders, and a few through the real CLI (`meetbench validate`): exit 2, file and line named,
 * no stack trace, nothing started. C9/C10 (no data, all joins failed) are proved by
 * test/unit/results/scorecard/score-run.test.ts; the k6 accept/reject table (C6) by test/unit/results/criteria/threshold-parser.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../harness/scenario/load-scenario.ts';
import { parseCriteriaText } from '../../results/criteria/load-criteria.ts';
import { ThresholdSyntaxError, parseThreshold } from '../../results/criteria/threshold-parser.ts';
import { InputError } from '../../results/input-error.ts';
import { runCli } from '../helpers/run-cli.ts';
import { recordFault } from './helpers/fault-record.ts';
import { aliasBomb } from '../fuzz/yaml-mutations.ts';

const TEST = 'test/faults/input.faults.test.ts';
const dir = mkdtempSync(path.join(tmpdir(), 'mb-faults-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PLATFORM = '  - { id: j, adapter: janus-videoroom, url: "http://127.0.0.1:1" }\n';
const VALID = `name: x\nplatforms:\n${PLATFORM}participants: { count: 2 }\n`;

interface Case {
  id: string;
  name: string;
  text: string | Buffer;
  /** the line the error must name (null: the whole file) */
  line: number | null;
  message: RegExp;
}

const SCENARIO_CASES: Case[] = [
  {
    id: 'C1',
    name: 'tab indentation',
    text: `name: x\nplatforms:\n\t- { id: j, adapter: janus-videoroom, url: "u" }\n`,
    line: 3,
    message: /Tabs are not allowed/,
  },
  { id: 'C1', name: 'unclosed quote', text: `name: "x\nplatforms:\n${PLATFORM}`, line: null, message: /YAML syntax/ },
  { id: 'C1', name: 'wrong type', text: `name: x\nplatforms:\n${PLATFORM}participants: { count: "two" }\n`, line: 4, message: /expected number/ },
  { id: 'C2', name: 'duplicate key', text: `${VALID}name: y\n`, line: 5, message: /duplicate key/ },
  {
    id: 'C3',
    name: 'merge key with __proto__',
    text: `${VALID}base: &b { __proto__: { polluted: 1 } }\nother:\n  <<: *b\n`,
    line: 5,
    message: /__proto__ is not allowed|merge keys/,
  },
  {
    id: 'C3',
    name: '__proto__ key under adapter options',
    text: `name: x\nplatforms:\n  - { id: j, adapter: janus-videoroom, url: "u", options: { __proto__: { roomBase: 9, polluted: 1 } } }\nparticipants: { count: 2 }\n`,
    line: 3,
    message: /__proto__ is not allowed/,
  },
  { id: 'C3', name: 'constructor.prototype key', text: `${VALID}constructor: { prototype: { polluted: 1 } }\n`, line: 5, message: /unknown key/ },
  { id: 'C4', name: 'billion laughs (9 levels, 387 million expansions)', text: `${aliasBomb(9)}name: *l9\n`, line: null, message: /too many aliases/ },
  { id: 'C5', name: 'misspelled key', text: `${VALID}durationSec: 5\n`, line: 5, message: /durationSec: unknown key/ },
  {
    id: 'C5',
    name: 'unknown nested key',
    text: `name: x\nplatforms:\n${PLATFORM}participants: { count: 2, recievers: 1 }\n`,
    line: 4,
    message: /recievers: unknown key/,
  },
  { id: 'C1', name: 'huge file (2 MiB)', text: `${VALID}# ${'x'.repeat(2 * 1024 * 1024)}\n`, line: null, message: /bytes; expected at most/ },
  { id: 'C1', name: 'binary garbage', text: Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 151 + 7) % 256)), line: null, message: /./ },
  { id: 'C1', name: 'NUL bytes', text: `${VALID}\u0000\u0000\n`, line: null, message: /./ },
  { id: 'C1', name: 'several documents', text: `${VALID}---\n${VALID}`, line: null, message: /several YAML documents/ },
];

describe('hostile scenario files (C1–C5)', () => {
  it('every one refused with a clear InputError naming file and line; no pollution; well under a second each', () => {
    let survived = 0;
    const failures: string[] = [];
    let slowest = 0;
    for (const c of SCENARIO_CASES) {
      const file = path.join(dir, `${c.name.replace(/\W+/g, '-')}.yaml`);
      writeFileSync(file, c.text);
      const started = performance.now();
      let error: unknown = null;
      try {
        loadScenario(file);
      } catch (e) {
        error = e;
      }
      slowest = Math.max(slowest, performance.now() - started);
      const polluted = ({} as Record<string, unknown>).polluted !== undefined;
      const problem = error instanceof InputError ? error.problems.find((p) => c.message.test(`${p.path}: ${p.message}`)) : undefined;
      const lineOk = c.line === null || problem?.line === c.line;
      if (error instanceof InputError && error.message.includes(file) && problem && lineOk && !polluted) survived += 1;
      else failures.push(`${c.id} ${c.name}: ${error instanceof Error ? error.message.slice(0, 200) : 'accepted'}${polluted ? ' (POLLUTED)' : ''}`);
    }
    recordFault({
      id: 'C1-C5',
      part: 'input',
      case: 'scenario YAML: tabs, quotes, types, duplicate keys, merge/__proto__, alias bomb, unknown keys, huge, binary, NUL',
      trials: SCENARIO_CASES.length,
      survived,
      lost: SCENARIO_CASES.length - survived,
      figure: `${SCENARIO_CASES.length} hostile files: ${survived} refused with file, line and what was expected; Object.prototype untouched; slowest ${slowest.toFixed(0)} ms${failures.length ? `; FAILED ${failures.join(' | ')}` : ''}`,
      test: TEST,
    });
    expect(failures).toEqual([]);
  });

  it('a !!js/function tag is never executed: the value stays the plain string', () => {
    const scenario = loadScenario('tag.yaml', `${VALID}criteria: !!js/function "function () { return 1 }"\n`);
    const ok = typeof scenario.criteria === 'string' && scenario.criteria === 'function () { return 1 }';
    recordFault({
      id: 'C1',
      part: 'input',
      case: 'YAML code tags (!!js/function)',
      trials: 1,
      survived: ok ? 1 : 0,
      lost: ok ? 0 : 1,
      figure: `value read as ${typeof scenario.criteria} ${JSON.stringify(scenario.criteria)}, nothing executed`,
      test: TEST,
    });
    expect(ok).toBe(true);
  });

  it('through the CLI: validate exits 2 with file:line and no stack trace, for each file', async () => {
    const files = ['tab indentation', 'duplicate key', 'billion laughs (9 levels, 387 million expansions)', 'misspelled key', 'huge file (2 MiB)'].map((n) => {
      const c = SCENARIO_CASES.find((x) => x.name === n)!;
      const file = path.join(dir, `cli-${n.replace(/\W+/g, '-')}.yaml`);
      writeFileSync(file, c.text);
      return { file, c };
    });
    let survived = 0;
    const failures: string[] = [];
    for (const { file, c } of files) {
      const result = await runCli(['validate', file]);
      const named = c.line === null ? result.stderr.includes(file) : result.stderr.includes(`${file}:${c.line}`);
      if (result.code === 2 && named && !/\n\s+at /.test(result.stderr)) survived += 1;
      else failures.push(`${c.name}: exit ${result.code}, ${result.stderr.slice(0, 300)}`);
    }
    recordFault({
      id: 'C1',
      part: 'input',
      case: 'malformed scenario through `meetbench validate`',
      trials: files.length,
      survived,
      lost: files.length - survived,
      figure: `${files.length} files: ${survived} exit 2 naming file:line, no stack trace${failures.length ? `; FAILED ${failures.join(' | ')}` : ''}`,
      test: TEST,
    });
    expect(failures).toEqual([]);
  }, 120_000);
});

const CRITERION = (fields: string): string => `version: 1\nmeasured:\n  - { id: c1, metric: join_time_ms, title: { en: t, fr: t }, ${fields} }\n`;

describe('hostile criteria files and thresholds (C5, C7, C8)', () => {
  it('unknown keys, unknown metrics and misfit aggregations are refused at load time', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['abortOnfail (k6 spelling)', CRITERION('threshold: "p(95) < 5000", abortOnfail: true'), /abortOnfail: unknown key/],
      ['thresold typo', CRITERION('thresold: "p(95) < 5000"'), /thresold: unknown key/],
      ['unknown metric', `version: 1\nmeasured:\n  - { id: c1, metric: join_tme_ms, threshold: "avg < 1", title: { en: t, fr: t } }\n`, /unknown metric/],
      ['count on cpu_pct', `version: 1\nmeasured:\n  - { id: c1, metric: cpu_pct, threshold: "count < 1", title: { en: t, fr: t } }\n`, /count/],
      ['NaN threshold', CRITERION('threshold: "p(95) < NaN"'), /NaN/],
      ['__proto__ criterion', `version: 1\nmeasured:\n  - __proto__: { id: x }\n`, /__proto__ is not allowed/],
    ];
    const failures: string[] = [];
    for (const [name, text, expected] of cases) {
      try {
        parseCriteriaText(text, 'c.yaml');
        failures.push(`${name}: accepted`);
      } catch (error) {
        if (!(error instanceof InputError) || !error.problems.some((p) => expected.test(`${p.path}: ${p.message}`) && p.line !== null))
          failures.push(`${name}: ${(error as Error).message.slice(0, 200)}`);
      }
    }
    recordFault({
      id: 'C5/C8',
      part: 'input',
      case: 'criteria: unknown keys, unknown metrics, misfit aggregations',
      trials: cases.length,
      survived: cases.length - failures.length,
      lost: failures.length,
      figure: `${cases.length} files: ${cases.length - failures.length} refused at load time with line and path${failures.length ? `; FAILED ${failures.join(' | ')}` : ''}`,
      test: TEST,
    });
    expect(failures).toEqual([]);
  });

  it('hostile threshold strings: each decided and pinned (accepted as written or refused with a position)', () => {
    // [expression, accepted value or null when refused]
    const pinned: Array<[string, number | null]> = [
      ['p(95)<NaN', null],
      ['p(95)<Inf', null],
      ['p(95) < Infinity', null],
      ['rate<1e-2', 0.01],
      ['', null],
      ['<200', null],
      ['p(95)<', null],
      ['p(95)<−5', null], // Unicode minus
      ['loss<0,5', null],
      ['avg<1%', null],
      ['avg<200ms', null],
      ['avg < 0x10', null],
      ['avg < 1_000', null],
      ['p(100.0001) < 1', null],
      ['p(-0) < 1', 1],
      ['avg < 1e999', null],
      ['avg < ١٢', null], // Arabic-Indic digits
      ['avg\u00a0< 5', null], // no-break space
      ['avg < 5; process.exit()', null],
      ['avg < ${1}', null],
      ['count == 0', 0],
      ['  max   <=   2  ', 2],
    ];
    const failures: string[] = [];
    for (const [expression, expected] of pinned) {
      try {
        const t = parseThreshold(expression);
        if (expected === null || t.value !== expected) failures.push(`${JSON.stringify(expression)} accepted as ${t.value}`);
      } catch (error) {
        if (!(error instanceof ThresholdSyntaxError)) failures.push(`${JSON.stringify(expression)} crashed: ${String(error)}`);
        else if (expected !== null) failures.push(`${JSON.stringify(expression)} refused: ${error.message}`);
      }
    }
    recordFault({
      id: 'C7',
      part: 'input',
      case: 'hostile threshold strings (NaN, Inf, Unicode minus, units, commas, code)',
      trials: pinned.length,
      survived: pinned.length - failures.length,
      lost: failures.length,
      figure: `${pinned.length} expressions: ${pinned.filter((p) => p[1] === null).length} refused with a position, ${pinned.filter((p) => p[1] !== null).length} accepted as pinned, ${failures.length} different${failures.length ? `; ${failures.join(' | ')}` : ''}`,
      test: TEST,
    });
    expect(failures).toEqual([]);
  });
});
