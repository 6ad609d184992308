import { describe, expect, it } from 'vitest';
import { capacitySchema, capacitySizes } from '../../../../harness/scenario/capacity-schema.ts';
import { runCapacitySearch, stepScenario } from '../../../../harness/capacity/capacity-search.ts';
import { capacityVerdict } from '../../../../results/summary/capacity-verdict.ts';
import { scenarioSchema } from '../../../../harness/scenario/scenario-schema.ts';
import type { Trial } from '../../../../results/run-record.ts';
import { makeParticipant, makeTrial } from '../../../helpers/run-factory.ts';

const scenario = scenarioSchema.parse({
  name: 'cap',
  platforms: [{ id: 'janus', adapter: 'janus-videoroom', url: 'lab:janus' }],
  participants: { count: 2, groups: [{ count: 2 }] },
  rooms: { count: 3 },
  capacity: { start: 2, step: 2, max: 8 },
});
const capacity = scenario.capacity!;

/** a trial of n participants whose downlink grows with the room, as on an SFU */
function trialOf(n: number, extra: Partial<Trial> = {}): Trial {
  return makeTrial({
    id: `t-n${n}`,
    participants: Array.from({ length: n }, (_, i) =>
      makeParticipant({ name: `p${i}`, room: '1', joinTimeMs: 1000 + 100 * n, downlinkKbps: { avg: 200 * (n - 1), p95: null } }),
    ),
    ...extra,
  });
}

async function search(step: (n: number) => Trial, judge?: (t: Trial) => Trial) {
  const seen: number[] = [];
  const result = await runCapacitySearch({
    scenario: { ...scenario, capacity },
    platform: 'janus',
    network: 'lan',
    trialId: 'janus-lan-r1',
    runStep: async (s) => {
      seen.push(s.participants.count);
      return step(s.participants.count);
    },
    ...(judge ? { judgeTrial: async (t: Trial) => judge(t) } : {}),
    onTrial: async () => undefined,
    progress: () => undefined,
    signal: new AbortController().signal,
  });
  return { result, seen };
}

describe('capacity search', () => {
  it('tries start, start+step, … up to max, and refuses start > max', () => {
    expect(capacitySizes(capacity)).toEqual([2, 4, 6, 8]);
    expect(capacitySchema.safeParse({ start: 6, max: 4 }).success).toBe(false);
  });

  it('makes each step one room of that size, without the participant groups', () => {
    const s = stepScenario(scenario, 6);
    expect(s.participants.count).toBe(6);
    expect(s.rooms.count).toBe(1);
    expect(s.participants.groups).toBeUndefined();
  });

  it('stops at the first size an error-level criterion fails and keeps the previous one', async () => {
    const judge = (t: Trial): Trial => {
      const down = t.participants[0]!.downlinkKbps.avg!;
      const outcome = down < 900 ? 'pass' : 'fail';
      return {
        ...t,
        verdict: outcome === 'pass' ? 'passed' : 'failed',
        criteria: [{ id: 'downlink-budget', metric: 'downlink_kbps', threshold: 'avg < 900', level: 'error', value: down, outcome }],
      };
    };
    const { result, seen } = await search((n) => trialOf(n), judge);
    // 2 → 200, 4 → 600, 6 → 1000 kbit/s: 6 fails, 8 is never tried
    expect(seen).toEqual([2, 4, 6]);
    expect(result.largestPassing).toBe(4);
    expect(result.stoppedBecause).toBe('criteria-failed');
    expect(result.explanation).toMatch(/at 6 participants .*downlink-budget .*got 1000.*largest room that did is 4/);
    expect(result.steps.map((s) => s.downlinkKbps)).toEqual([200, 600, 1000]);
    expect(result.steps[2]!.failedCriteria).toEqual(['downlink-budget']);
  });

  it('stops when the runner saturates: the answer is a lower bound', async () => {
    const { result } = await search((n) =>
      n >= 6
        ? trialOf(n, { verdict: 'inconclusive', runner: { cpuPct: { avg: 97, max: 100 }, saturated: true, reason: 'runner CPU averaged 97 %' } })
        : trialOf(n),
    );
    expect(result.largestPassing).toBe(4);
    expect(result.stoppedBecause).toBe('runner-saturated');
    expect(result.explanation).toMatch(/lower bound/);
  });

  it('stops when not everybody joined, and names who failed', async () => {
    const { result } = await search((n) => {
      const t = trialOf(n);
      if (n === 4) t.participants[3] = makeParticipant({ name: 'p3', joined: false, joinTimeMs: null, error: 'no peer connection', errorStep: 'media' });
      return t;
    });
    expect(result.largestPassing).toBe(2);
    expect(result.stoppedBecause).toBe('not-all-joined');
    expect(result.explanation).toMatch(/only 3 joined \(p3: media: no peer connection\)/);
  });

  it('says when max was reached', async () => {
    const { result, seen } = await search((n) => trialOf(n));
    expect(seen).toEqual([2, 4, 6, 8]);
    expect(result).toMatchObject({ largestPassing: 8, stoppedBecause: 'max-reached' });
  });

  it('gives the run a verdict from what the search found', () => {
    const base = { platform: 'janus', network: 'lan', sizes: [2, 4], steps: [], explanation: 'x' };
    expect(capacityVerdict([{ ...base, largestPassing: 4, stoppedBecause: 'criteria-failed' }]).verdict).toBe('passed');
    expect(capacityVerdict([{ ...base, largestPassing: null, stoppedBecause: 'criteria-failed' }]).verdict).toBe('failed');
    expect(capacityVerdict([{ ...base, largestPassing: null, stoppedBecause: 'runner-saturated' }]).verdict).toBe('inconclusive');
  });
});
