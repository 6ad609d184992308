import { describe, expect, it } from 'vitest';
import { trialVerdict } from '../../../../results/summary/trial-verdict.ts';
import { makeParticipant } from '../../../helpers/run-factory.ts';

describe("the runner's own verdict of a trial", () => {
  const ok = makeParticipant();
  const failed = makeParticipant({ name: 'p2', joined: false, joinTimeMs: null, error: 'waiting for #register', errorStep: 'join-room' });

  it('is broken when nobody joined, naming the first failure', () => {
    const v = trialVerdict([failed, { ...failed, name: 'p3' }], false, null, false);
    expect(v.verdict).toBe('broken');
    expect(v.reason).toBe('no participant joined: p2 failed at join-room: waiting for #register');
  });

  it('is failed when some did not join, with how many did', () => {
    expect(trialVerdict([ok, failed], false, null, false)).toEqual({ verdict: 'failed', reason: '1 of 2 joined; p2: join-room: waiting for #register' });
  });

  it('is inconclusive when the runner was saturated or the trial interrupted, never passed', () => {
    expect(trialVerdict([ok], true, 'runner CPU averaged 99 %', false)).toEqual({ verdict: 'inconclusive', reason: 'runner CPU averaged 99 %' });
    expect(trialVerdict([ok], false, null, true).verdict).toBe('inconclusive');
  });

  it('is passed when everybody joined on a runner that was not saturated', () => {
    expect(trialVerdict([ok, { ...ok, name: 'p2' }], false, null, false)).toEqual({ verdict: 'passed', reason: null });
  });
});
