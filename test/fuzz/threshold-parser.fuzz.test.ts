/**
 * Fuzz of the threshold parser against an independent oracle: the grammar written as one regular
 * expression (threshold-parser.ts documents it). Random strings built from the grammar's tokens and from
 * hostile ones (NaN, Inf, Unicode minus and digits, units, commas, NUL, very long numbers) must be
 * accepted exactly when the oracle accepts them, give finite values and a percentile within 0–100, print
 * back to an equivalent expression, and otherwise fail with a ThresholdSyntaxError whose position is inside
 * the text. Never another error.
 */
import { describe, expect, it } from 'vitest';
import { ThresholdSyntaxError, formatThreshold, parseThreshold, type Threshold } from '../../results/criteria/threshold-parser.ts';
import { recordFault } from '../faults/helpers/fault-record.ts';
import { pick, seededRandom } from './seeded-random.ts';

const SEED = Number(process.env.MEETBENCH_FUZZ_SEED ?? 20261129);
const CASES = Number(process.env.MEETBENCH_FUZZ_CASES ?? 800) * 20;

const NUM = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
const SP = '[ \\t]*';
const ORACLE = new RegExp(`^${SP}(avg|min|max|med|count|rate|value|p\\(${SP}(${NUM})${SP}\\))${SP}(<=|<|>=|>|===|==|!=)${SP}(${NUM})${SP}$`);

function oracle(text: string): boolean {
  const m = ORACLE.exec(text);
  if (!m) return false;
  const percentile = m[2] === undefined ? null : Number(m[2]);
  const value = Number(m[4]);
  if (!Number.isFinite(value)) return false;
  if (percentile !== null && !(Number.isFinite(percentile) && percentile >= 0 && percentile <= 100)) return false;
  return true;
}

const TOKENS = [
  'avg',
  'min',
  'max',
  'med',
  'count',
  'rate',
  'value',
  'p(',
  ')',
  'p',
  '(',
  'P(',
  'AVG',
  'mean',
  'p95',
  '<',
  '<=',
  '>',
  '>=',
  '==',
  '===',
  '!=',
  '=',
  '!',
  '=>',
  '=<',
  '<>',
  '0',
  '1',
  '5',
  '95',
  '99.9',
  '100',
  '101',
  '-1',
  '+2',
  '.5',
  '5.',
  '1e3',
  '1E-2',
  '1e',
  '1e+',
  '1e999',
  '-0',
  '0x10',
  '1_000',
  '0b1',
  '00012',
  'NaN',
  'nan',
  'Inf',
  '-Inf',
  'Infinity',
  '∞',
  '−5',
  '١٢',
  '５',
  '0,5',
  '5%',
  '200ms',
  's',
  'kbps',
  ' ',
  ' ',
  '\t',
  '\n',
  '\u00a0',
  '\u2009',
  '\u0000',
  '\uFEFF',
  '"',
  "'",
  ';',
  '&&',
  '||',
  '${1}',
  '__proto__',
  'constructor',
];

function randomExpression(random: () => number): string {
  const roll = random();
  if (roll < 0.4) {
    // near-valid: aggregation, operator, number with small damage
    const agg = ['avg', 'min', 'max', 'med', 'count', 'rate', 'value', `p(${pick(random, 120) - 10})`, `p(${(random() * 100).toFixed(pick(random, 4))})`][
      pick(random, 9)
    ]!;
    const op = ['<', '<=', '>', '>=', '==', '===', '!='][pick(random, 7)]!;
    const value = [String(pick(random, 10_000)), (random() * 10 - 5).toExponential(pick(random, 5)), TOKENS[pick(random, TOKENS.length)]!][pick(random, 3)]!;
    const spaces = (): string => [' ', '', '  ', '\t'][pick(random, 4)]!;
    return `${spaces()}${agg}${spaces()}${op}${spaces()}${value}${spaces()}`;
  }
  if (roll < 0.95) return Array.from({ length: 1 + pick(random, 6) }, () => TOKENS[pick(random, TOKENS.length)]!).join('');
  // long and random code points
  return Array.from({ length: pick(random, 300) }, () => String.fromCodePoint(pick(random, 0x3000))).join('');
}

const same = (a: Threshold, b: Threshold): boolean =>
  a.aggregation === b.aggregation && a.operator === b.operator && a.value === b.value && a.percentile === b.percentile;

describe('threshold parser fuzz', () => {
  it(`${CASES} random expressions: accepted exactly as the grammar says, refused with a position otherwise`, () => {
    const random = seededRandom(SEED + 3);
    let accepted = 0;
    let refused = 0;
    const wrong: string[] = [];
    const started = Date.now();
    for (let i = 0; i < CASES; i += 1) {
      const text = randomExpression(random);
      const expected = oracle(text);
      try {
        const t = parseThreshold(text);
        accepted += 1;
        const sane = Number.isFinite(t.value) && (t.aggregation !== 'p' || (t.percentile !== undefined && t.percentile >= 0 && t.percentile <= 100));
        if (!expected || !sane || !same(parseThreshold(formatThreshold(t)), t)) wrong.push(`accepted ${JSON.stringify(text)} → ${formatThreshold(t)}`);
      } catch (error) {
        refused += 1;
        if (!(error instanceof ThresholdSyntaxError)) wrong.push(`crashed on ${JSON.stringify(text)}: ${String(error)}`);
        else if (expected) wrong.push(`refused valid ${JSON.stringify(text)}: ${error.message}`);
        else if (error.position < 0 || error.position > text.length) wrong.push(`position ${error.position} outside ${JSON.stringify(text)}`);
      }
    }
    // a megabyte-long number and expression: linear scanner, no backtracking
    const long = performance.now();
    for (const text of [`avg < ${'9'.repeat(1_000_000)}`, `p(${'1'.repeat(500_000)}) < 1`, `${' '.repeat(1_000_000)}x`]) {
      try {
        parseThreshold(text);
        wrong.push(`accepted a ${text.length}-character expression`);
      } catch (error) {
        if (!(error instanceof ThresholdSyntaxError)) wrong.push(`crashed on a long expression: ${String(error)}`);
      }
    }
    const longMs = performance.now() - long;
    recordFault({
      id: 'F3',
      part: 'fuzz',
      case: `fuzz of the threshold parser against the grammar (seed ${SEED})`,
      trials: CASES + 3,
      survived: CASES + 3 - wrong.length,
      lost: wrong.length,
      figure: `${CASES} expressions in ${((Date.now() - started) / 1000).toFixed(1)} s: ${accepted} accepted, ${refused} refused with a position, ${wrong.length} disagreements with the grammar or crashes; three 0.5–1 MB expressions refused in ${longMs.toFixed(0)} ms${wrong.length ? `; ${wrong.slice(0, 5).join(' | ')}` : ''}`,
      test: 'test/fuzz/threshold-parser.fuzz.test.ts',
    });
    expect(wrong).toEqual([]);
    expect(accepted).toBeGreaterThan(CASES / 20);
  }, 120_000);
});
