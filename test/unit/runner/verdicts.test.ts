import { describe, expect, it } from 'vitest';
import { kernelRates, trialVerdict } from '../../../harness/runner/run-trial.ts';
import { judgeRunner } from '../../../harness/runner/runner-health.ts';
import { participantMetrics } from '../../../harness/runner/summarize-participant.ts';
import { makeParticipant } from '../../helpers/run-factory.ts';

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

describe('runner saturation', () => {
  it('is saturated above the average limit, with the figure in the reason', () => {
    const h = judgeRunner([90, 92, 95], 85, 2);
    expect(h.saturated).toBe(true);
    expect(h.reason).toMatch(/averaged 92\.3 % of 2 cores \(limit 85 %\)/);
  });

  it('is saturated when pegged for a third of the window even if the average is fine', () => {
    expect(judgeRunner([98, 99, 98, 10, 10, 10, 10, 10], 85, 2).saturated).toBe(true);
  });

  it('is trustworthy under the limit', () => {
    const h = judgeRunner([40, 55, 60], 85, 2);
    expect(h).toMatchObject({ saturated: false, reason: null, cpuPct: { avg: 51.7, max: 60 } });
  });

  it('is saturated when one thread serving several participants is busy 90 % of a core, though the machine is not', () => {
    const hot = judgeRunner([60, 62, 61], 85, 2, { thread: 'renderer WebRTC_W_and_N', pctOfCore: 93.5 });
    expect(hot.saturated).toBe(true);
    expect(hot.reason).toBe("one thread of the participants' browsers (renderer WebRTC_W_and_N) was busy 93.5 % of a core (limit 90 %): the participants it serves waited on each other");
    const warm = judgeRunner([60, 62, 61], 85, 2, { thread: 'renderer WebRTC_W_and_N', pctOfCore: 40 });
    expect(warm).toMatchObject({ saturated: false, reason: null, busiestThread: { thread: 'renderer WebRTC_W_and_N', pctOfCore: 40 } });
  });
});

describe('kernel counters', () => {
  it('gives raw rates and rates with the 42 header bytes of every packet removed', () => {
    const r = kernelRates(
      { uplinkBytes: 0, downlinkBytes: 0, uplinkPackets: 0, downlinkPackets: 0, at: 0 },
      { uplinkBytes: 50_000, downlinkBytes: 100_000, uplinkPackets: 100, downlinkPackets: 200, at: 2000 },
    );
    expect(r).toEqual({ up: 200, down: 400, upPayload: 183.2, downPayload: 366.4 });
  });
});

describe('per-participant metrics from samples', () => {
  it('averages rates, and takes cumulative counters as their growth inside the window', () => {
    const base = { participant: 'p1', uplinkKbps: 0, downlinkKbps: 0 };
    const m = participantMetrics([
      { ...base, t: 1, uplinkKbps: 100, freezeCount: 3, memoryMb: 200 },
      { ...base, t: 2, uplinkKbps: 300, freezeCount: 5, memoryMb: 250 },
    ]);
    expect(m.uplink_kbps).toBe(200);
    expect(m.freeze_count).toBe(2);
    expect(m.memory_mb).toBe(250);
    expect(m.rtt_ms).toBeNull();
  });
});
