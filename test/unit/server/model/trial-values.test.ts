/**
 * The viewer's key figures and the criteria read the same numbers: on a run recorded on the real lab, the
 * viewer's "p95 join time" of a trial is the value the criterion `join_time_ms p(95) < 5000` judged.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCriteriaFile } from '../../../../results/criteria/load-criteria.ts';
import { runRecordSchema, type RunRecord } from '../../../../results/run-record.ts';
import { scoreRun } from '../../../../results/scorecard/score-run.ts';
import { KEY_METRICS, trialValue } from '../../../../server/model/trial-values.ts';

const records = JSON.parse(readFileSync(fileURLToPath(new URL('../../results/scorecard/fixtures/lab-runs.json', import.meta.url)), 'utf8')) as unknown[];
const labRun = runRecordSchema.parse(records[1]) as RunRecord;
const preset = loadCriteriaFile(fileURLToPath(new URL('../../../../scenarios/criteria.yaml', import.meta.url)));

describe('viewer p95 and criterion p(95)', () => {
  it('are the same number on a real stored run', () => {
    const trial = labRun.trials[0]!;
    const joinTimes = trial.participants.map((p) => p.joinTimeMs);
    // a trial of several participants with distinct join times: nearest rank and interpolation differ here
    expect(new Set(joinTimes).size).toBeGreaterThan(1);
    const viewer = trialValue(
      trial,
      KEY_METRICS.find((k) => k.metric === 'join_time_ms')!,
    );
    const criterion = scoreRun(labRun, preset).scorecards[0]!.rows.find((r) => r.criterionId === 'join-time-p95')!;
    expect(criterion.threshold).toBe('p(95) < 5000');
    expect(viewer).not.toBeNull();
    expect(viewer).toBeCloseTo(criterion.value!, 9);
  });

  it('leaves a participant that never joined out of the join time, as criteria do', () => {
    const trial = labRun.trials[0]!;
    const withFailure = {
      ...trial,
      participants: [...trial.participants, { ...trial.participants[0]!, name: 'late', joined: false, joinTimeMs: 99_999, metrics: {} }],
    };
    const viewer = trialValue(
      withFailure,
      KEY_METRICS.find((k) => k.metric === 'join_time_ms')!,
    );
    expect(viewer).toBe(
      trialValue(
        trial,
        KEY_METRICS.find((k) => k.metric === 'join_time_ms')!,
      ),
    );
  });
});
