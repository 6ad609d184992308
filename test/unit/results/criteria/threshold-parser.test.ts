/**
 * The threshold parser, table-driven. The first tables restate, as our own cases, what k6's parser
 * tests accept and refuse (metrics/thresholds_parser_test.go: method parsing, operator scanning,
 * value parsing); the last table is where meetbench is stricter than k6 on purpose.
 */
import { describe, expect, it } from 'vitest';
import { compare, formatThreshold, parseThreshold, ThresholdSyntaxError, type Threshold } from '../../../../results/criteria/threshold-parser.ts';
import { thresholdMisfit } from '../../../../results/criteria/threshold-fit.ts';

const accepted: [string, Threshold][] = [
  // methods (k6: TestParseThresholdAggregationMethod)
  ['count>20', { aggregation: 'count', operator: '>', value: 20 }],
  ['value>20', { aggregation: 'value', operator: '>', value: 20 }],
  ['rate>0.5', { aggregation: 'rate', operator: '>', value: 0.5 }],
  ['avg<100', { aggregation: 'avg', operator: '<', value: 100 }],
  ['min<100', { aggregation: 'min', operator: '<', value: 100 }],
  ['med<100', { aggregation: 'med', operator: '<', value: 100 }],
  ['max<100', { aggregation: 'max', operator: '<', value: 100 }],
  ['p(99)<100', { aggregation: 'p', percentile: 99, operator: '<', value: 100 }],
  ['p(99.9)<100', { aggregation: 'p', percentile: 99.9, operator: '<', value: 100 }],
  ['p(99.9999)<100', { aggregation: 'p', percentile: 99.9999, operator: '<', value: 100 }],
  ['p(0)<1', { aggregation: 'p', percentile: 0, operator: '<', value: 1 }],
  ['p(100)<1', { aggregation: 'p', percentile: 100, operator: '<', value: 1 }],
  // operators (k6: TestScanThresholdExpression), each one
  ['count<=20', { aggregation: 'count', operator: '<=', value: 20 }],
  ['count<20', { aggregation: 'count', operator: '<', value: 20 }],
  ['count>=20', { aggregation: 'count', operator: '>=', value: 20 }],
  ['count>20', { aggregation: 'count', operator: '>', value: 20 }],
  ['count===20', { aggregation: 'count', operator: '===', value: 20 }],
  ['count==20', { aggregation: 'count', operator: '==', value: 20 }],
  ['count!=20', { aggregation: 'count', operator: '!=', value: 20 }],
  // whitespace is trimmed around the operator and the whole expression
  ['count == 1', { aggregation: 'count', operator: '==', value: 1 }],
  [' max == 0', { aggregation: 'max', operator: '==', value: 0 }],
  ['  p(95)   <   5000  ', { aggregation: 'p', percentile: 95, operator: '<', value: 5000 }],
  ['avg\t<=\t1500', { aggregation: 'avg', operator: '<=', value: 1500 }],
  // numbers as Go's ParseFloat reads them (decimal forms)
  ['avg < 1.5', { aggregation: 'avg', operator: '<', value: 1.5 }],
  ['avg < .5', { aggregation: 'avg', operator: '<', value: 0.5 }],
  ['avg < 5.', { aggregation: 'avg', operator: '<', value: 5 }],
  ['avg < +5', { aggregation: 'avg', operator: '<', value: 5 }],
  ['avg > -5', { aggregation: 'avg', operator: '>', value: -5 }],
  ['avg < 1e3', { aggregation: 'avg', operator: '<', value: 1000 }],
  ['avg < 1E+3', { aggregation: 'avg', operator: '<', value: 1000 }],
  ['avg < 25e-1', { aggregation: 'avg', operator: '<', value: 2.5 }],
  ['avg < 007', { aggregation: 'avg', operator: '<', value: 7 }],
  ['p(+50) < 1', { aggregation: 'p', percentile: 50, operator: '<', value: 1 }],
  // lenient where harmless: spaces inside p( )
  ['p( 95 ) < 5000', { aggregation: 'p', percentile: 95, operator: '<', value: 5000 }],
];

const refused: [string, RegExp][] = [
  // k6 refuses these too
  ['count!20', /expected an operator/],
  ['foo>20', /unknown aggregation "foo"/],
  ['count>abc', /expected a number, found "abc"/],
  ['foo!bar', /unknown aggregation "foo"/],
  ['  foo  <=bar', /unknown aggregation "foo"/],
  ['p()<1', /percentile: expected a number/],
  ['p(99<1', /expected "\)" to close p\(/],
  ['p(foo)<1', /percentile: expected a number, found "foo\)<1"/],
  ['p(-1)<1', /percentile -1 is outside 0–100/],
  ['p(101)<1', /percentile 101 is outside 0–100/],
  ['p(NaN)<1', /not a finite number/],
  ['p(+Inf)<1', /not a finite number/],
  ['', /empty threshold/],
  ['   ', /empty threshold/],
  ['avg', /expected an operator.*; found the end/],
  ['avg <', /missing number after "<"/],
  ['< 5', /unknown aggregation "< 5"/],
  ['avg => 5', /expected an operator.*; found "="/],
  ['avg =< 5', /expected an operator.*; found "="/],
  ['avg = 5', /expected an operator.*; found "="/],
  ['AVG < 5', /unknown aggregation "AVG"/],
  ['average < 5', /unknown aggregation "average"/],
  ['p 95 < 5', /unknown aggregation "p"/],
  ['avg < 5 ms', /unexpected "ms" after the number/],
  ['avg < 5 5', /unexpected "5" after the number/],
  ['avg < 5 && max < 9', /unexpected "&& max < 9"/],
  ['avg < 1e', /digits after the exponent/],
  ['avg < .', /expected a number/],
  ['avg < --5', /expected a number/],
  // stricter than k6 on purpose: k6's ParseFloat takes all of these
  ['avg < NaN', /not a finite number; NaN and Infinity are refused/],
  ['avg != nan', /not a finite number/],
  ['avg < Inf', /not a finite number/],
  ['avg < +Inf', /not a finite number/],
  ['avg > -Infinity', /not a finite number/],
  ['avg < 1e999', /too large to be a finite number/],
  ['p(1e999) < 5', /too large/],
  ['avg < 0x10', /"0x" is not a decimal number/],
  ['avg < 1_000', /"1_" is not a decimal number/],
  ['avg < 1.2.3', /"1.2." is not a decimal number/],
  ['p(100.0001) < 5', /outside 0–100/],
];

describe('parseThreshold accepts what k6 accepts', () => {
  it.each(accepted)('%j', (expression, expected) => {
    expect(parseThreshold(expression)).toEqual(expected);
  });
});

describe('parseThreshold refuses with a reason', () => {
  it.each(refused)('%j', (expression, reason) => {
    let error: unknown;
    try {
      parseThreshold(expression);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ThresholdSyntaxError);
    expect((error as Error).message).toMatch(reason);
  });

  it('says where the problem starts', () => {
    const error = (() => {
      try {
        parseThreshold('p(95) <> 5');
      } catch (e) {
        return e as ThresholdSyntaxError;
      }
    })();
    expect(error?.position).toBe(7);
  });
});

describe('formatThreshold', () => {
  it.each(['p(95) < 5000', 'avg <= 1500', 'rate >= 0.99', 'count == 0', 'p(99.9) != 0.5'])('round-trips %j', (text) => {
    expect(formatThreshold(parseThreshold(text))).toBe(text);
    expect(parseThreshold(formatThreshold(parseThreshold(text)))).toEqual(parseThreshold(text));
  });
});

describe('compare', () => {
  it.each([
    [4999, '<', 5000, true],
    [5000, '<', 5000, false],
    [5000, '<=', 5000, true],
    [5001, '>', 5000, true],
    [5000, '>=', 5000, true],
    [4999, '>=', 5000, false],
    [0, '==', 0, true],
    [0, '===', 0, true],
    [1, '===', 0, false],
    [1, '!=', 0, true],
    [0, '!=', 0, false],
  ] as const)('%d %s %d is %s', (measured, operator, value, expected) => {
    expect(compare(measured, operator, value)).toBe(expected);
  });
});

describe('thresholdMisfit (k6 metric-type compatibility, on our catalogue)', () => {
  it.each([
    ['join_time_ms', 'p(95) < 5000', null],
    ['join_time_ms', 'med < 300', null],
    ['join_success', 'rate >= 0.99', null],
    ['freeze_count', 'count == 0', null],
    ['freeze_count', 'max < 2', null],
    ['jitter_ms', 'rate < 0.1', /"rate" does not fit jitter_ms, a trend metric; use avg, min, max, med, p\(N\)/],
    ['join_success', 'avg > 0.9', /"avg" does not fit join_success, a rate metric; use rate/],
    ['join_time_ms', 'count < 3', /"count" does not fit/],
    ['freeze_count', 'rate < 1', /"rate" does not fit freeze_count, a counter metric/],
    ['uplink_kbps', 'value < 1500', /meetbench has no gauge metric/],
    ['join_time', 'avg < 5', /unknown metric "join_time"/],
    ['JOIN_TIME_MS', 'avg < 5', /unknown metric/],
  ] as const)('%s with %j', (metric, expression, expected) => {
    const misfit = thresholdMisfit(metric, parseThreshold(expression));
    if (expected === null) expect(misfit).toBeNull();
    else expect(misfit).toMatch(expected);
  });
});
