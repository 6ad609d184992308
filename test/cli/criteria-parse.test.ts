/** `meetbench criteria parse`, spawned like a user runs it: JSON on success, exit 2 and a reason otherwise. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

const noStack = (stderr: string): void => expect(stderr).not.toMatch(/^ {4}at /m);

describe('meetbench criteria parse', () => {
  it('prints {aggregation, percentile, operator, value} as JSON', async () => {
    const result = await runCli(['criteria', 'parse', 'p(95) < 5000', '--json']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('{"aggregation":"p","percentile":95,"operator":"<","value":5000}\n');
  });

  it('leaves percentile out for the other aggregations', async () => {
    const result = await runCli(['criteria', 'parse', 'rate>=.99', '--json']);
    expect(JSON.parse(result.stdout)).toEqual({ aggregation: 'rate', operator: '>=', value: 0.99 });
  });

  it.each([
    ['p(101) < 5', /percentile 101 is outside 0–100/],
    ['avg < NaN', /NaN and Infinity are refused/],
    ['avg <> 5', /expected a number/],
    ['mean < 5', /unknown aggregation "mean"/],
  ])('refuses %j with exit 2, the reason and a caret, no stack trace', async (expression, reason) => {
    const result = await runCli(['criteria', 'parse', expression, '--json']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(reason);
    expect(result.stderr).toContain(`  ${expression}\n`);
    expect(result.stderr).toMatch(/^ +\^$/m);
    noStack(result.stderr);
  });

  it('with --metric, refuses an aggregation that does not fit the metric', async () => {
    const bad = await runCli(['criteria', 'parse', 'rate < 0.1', '--metric', 'jitter_ms', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"rate" does not fit jitter_ms, a trend metric/);
    noStack(bad.stderr);
    const unknown = await runCli(['criteria', 'parse', 'avg < 1', '--metric', 'join_time']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown metric "join_time"/);
  });
});
