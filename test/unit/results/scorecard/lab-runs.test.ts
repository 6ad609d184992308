/**
 * Scorecards from run records recorded on the real lab (Janus in its namespace, 3 Chromium participants on
 * this 2-core machine), kept as fixtures: a complete run the runner marked inconclusive (saturated CPU)
 * and a run that broke before any trial.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCriteriaFile } from '../../../../results/criteria/load-criteria.ts';
import { percentileOfSorted as percentile } from '../../../../results/statistics.ts';
import { toJunit } from '../../../../results/export/to-junit.ts';
import { runRecordSchema, type RunRecord } from '../../../../results/run-record.ts';
import { scoreRun } from '../../../../results/scorecard/score-run.ts';

const records = JSON.parse(readFileSync(fileURLToPath(new URL('./fixtures/lab-runs.json', import.meta.url)), 'utf8')) as unknown[];
const [brokenRun, labRun] = records.map((r) => runRecordSchema.parse(r)) as [RunRecord, RunRecord];
const preset = loadCriteriaFile(fileURLToPath(new URL('../../../../scenarios/criteria.yaml', import.meta.url)));

describe('scorecards of recorded lab runs', () => {
  it('judges the measured join times, and keeps the runner’s inconclusive verdict', () => {
    const result = scoreRun(labRun, preset);
    const trial = labRun.trials[0]!;
    const joinTimes = trial.participants.map((p) => p.joinTimeMs as number).sort((a, b) => a - b);
    const row = result.scorecards[0]!.rows.find((r) => r.criterionId === 'join-time-p95')!;
    // recomputed here from the raw participants, k6's interpolated percentile
    expect(row.value).toBeCloseTo(percentile(joinTimes, 95), 6);
    expect(row.outcome).toBe(joinTimes.at(-1)! < 5000 ? 'pass' : 'fail');
    expect(result.run.trials[0]!.verdict).toBe('inconclusive');
    expect(result.verdict).toBe('inconclusive');
    expect(result.scorecards[0]!.summary.en).toMatch(/^Janus: inconclusive, the measurements cannot be trusted \(runner CPU/);
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
    expect(toJunit(result.run, result.scorecards)).toContain('<testsuite name="Janus"');
  });

  it('the same trial, had the runner not been saturated, passes every must-have the preset can judge on lan', () => {
    const calm: RunRecord = { ...labRun, trials: labRun.trials.map((t) => ({ ...t, verdict: 'passed' as const, reason: null })) };
    const card = scoreRun(calm, preset).scorecards[0]!;
    expect(card.rows.filter((r) => r.level === 'error' && r.met === false)).toEqual([]);
    expect(card.verdict).toBe('passed');
  });

  it('a run that broke before any trial is broken, with no scorecard and no NaN', () => {
    const result = scoreRun(brokenRun, preset);
    expect(result.verdict).toBe('broken');
    expect(result.scorecards).toEqual([]);
    expect(result.run.reason).toMatch(/^a lab is already running/);
  });
});
