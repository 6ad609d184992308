import { describe, expect, it } from 'vitest';
import { measuredFromRun } from '../../../../results/planning/measured-rates.ts';
import { projectBandwidth, ratesAt } from '../../../../results/planning/project-bandwidth.ts';
import { planFromRun } from '../../../../results/planning/plan-from-run.ts';
import { makeParticipant, makeRun, makeTrial } from '../../../helpers/run-factory.ts';

const three = { k: 3, uplinkKbps: 500, downlinkKbps: 1000, participants: 3, source: 'kernel' as const };

describe('measured rates by meeting size', () => {
  it('groups participants by the size of their room and prefers kernel counters', () => {
    const run = makeRun({
      trials: [
        makeTrial({
          participants: [
            makeParticipant({ name: 'a', room: '1', kernel: { uplinkKbps: 200, downlinkKbps: 210 } }),
            makeParticipant({ name: 'b', room: '1', kernel: { uplinkKbps: 220, downlinkKbps: 190 } }),
            makeParticipant({ name: 'c', room: '2', kernel: null, uplinkKbps: { avg: 180, p95: 200 }, downlinkKbps: { avg: 0, p95: 0 } }),
          ],
        }),
      ],
    });
    expect(measuredFromRun(run)).toEqual([
      { k: 1, uplinkKbps: 180, downlinkKbps: 0, participants: 1, source: 'getStats' },
      { k: 2, uplinkKbps: 210, downlinkKbps: 200, participants: 2, source: 'kernel' },
    ]);
  });

  it('leaves out trials of a saturated runner and participants that never joined', () => {
    const run = makeRun({
      trials: [
        makeTrial({ runner: { cpuPct: { avg: 99, max: 100 }, saturated: true } }),
        makeTrial({ id: 't2', participants: [makeParticipant({ name: 'x', room: '1', joined: false }), makeParticipant({ name: 'y', room: '1' })] }),
      ],
    });
    const measured = measuredFromRun(run);
    expect(measured).toHaveLength(1);
    expect(measured[0]).toMatchObject({ k: 2, participants: 1 });
    expect(measuredFromRun(run, { includeSaturated: true })[0]?.participants).toBe(3);
  });
});

describe('what the measured audio stands for', () => {
  const trialWith = (id: string, microphone: 'device' | 'generated' | null) =>
    makeTrial({
      id,
      ...(microphone ? { media: { width: 320, height: 180, fps: 15, microphone } } : {}),
      participants: [makeParticipant({ name: `${id}a`, room: '1' }), makeParticipant({ name: `${id}b`, room: '1' })],
    });

  it("records each size's microphone, mixed when trials differ, and nothing for records that did not keep it", () => {
    expect(measuredFromRun(makeRun({ trials: [trialWith('t1', 'generated')] }))[0]?.microphone).toBe('generated');
    expect(measuredFromRun(makeRun({ trials: [trialWith('t1', 'device'), trialWith('t2', 'generated')] }))[0]?.microphone).toBe('mixed');
    expect(measuredFromRun(makeRun({ trials: [trialWith('t1', 'device'), trialWith('t2', null)] }))[0]).not.toHaveProperty('microphone');
  });

  it('states in the assumptions whether the audio was beeps or a participant who always talks', () => {
    const assumptions = (microphone: 'device' | 'generated' | null): string =>
      projectBandwidth(measuredFromRun(makeRun({ trials: [trialWith('t1', microphone)] })), { meetings: 10, size: 2 }).assumptions.join('\n');
    expect(assumptions('device')).toMatch(/fake microphone.*short beeps.*talk send more/);
    expect(assumptions('generated')).toMatch(/tone generated in the page.*talks all the time.*upper bound/);
    expect(assumptions(null)).not.toMatch(/audio/);
  });
});

describe('bandwidth projection', () => {
  it('uses a measured size as measured and scales another one with the SFU model', () => {
    expect(ratesAt([three], 3)).toMatchObject({ uplinkKbps: 500, downlinkKbps: 1000 });
    // 1000 kbit/s for 2 remote streams → 500 per stream; 5 remote streams at k=6
    const six = ratesAt([three], 6);
    expect(six).toMatchObject({ uplinkKbps: 500, downlinkKbps: 2500 });
    expect(six.basis).toMatch(/scaled from k=3/);
  });

  it('adds header overhead to getStats figures only', () => {
    expect(ratesAt([{ ...three, source: 'getStats' }], 3, 10)).toMatchObject({ uplinkKbps: 550, downlinkKbps: 1100 });
  });

  it('projects the site link and the VPN concentrator for N meetings of size k', () => {
    const plan = projectBandwidth([three], { meetings: 10, size: 3, vpnShare: 0.5, headroomPct: 0, vpnOverheadPct: 10 });
    expect(plan.participants).toBe(30);
    expect(plan.site).toEqual({ uplinkMbps: 15, downlinkMbps: 30 });
    // 15 participants through the VPN: (500 + 1000) × 15 × 1.1
    expect(plan.vpn).toEqual({ participants: 15, uplinkMbps: 8.3, downlinkMbps: 16.5, throughputMbps: 24.8 });
    expect(plan.assumptions.join(' ')).toMatch(/SFU.*outside the site/);
  });

  it('applies the headroom and the on-site share', () => {
    const plan = projectBandwidth([three], { meetings: 4, size: 3, onSiteShare: 0.5, headroomPct: 50 });
    expect(plan.site).toEqual({ uplinkMbps: 4.5, downlinkMbps: 9 });
    expect(plan.vpn).toBeNull();
  });

  it('refuses impossible requests', () => {
    expect(() => projectBandwidth([three], { meetings: 0, size: 3 })).toThrow(/meetings/);
    expect(() => projectBandwidth([three], { meetings: 1, size: 1 })).toThrow(/at least 2/);
    expect(() => projectBandwidth([three], { meetings: 1, size: 3, vpnShare: 2 })).toThrow(/vpnShare/);
    expect(() => projectBandwidth([], { meetings: 1, size: 3 })).toThrow(/no measured/);
  });

  it('plans from a stored run with default questions', () => {
    const plan = planFromRun(
      makeRun({ trials: [makeTrial({ participants: [makeParticipant({ name: 'a', room: '1' }), makeParticipant({ name: 'b', room: '1' })] })] }),
    );
    expect(plan.measured.map((m) => m.k)).toEqual([2]);
    expect(plan.plans.map((p) => p.request.meetings)).toEqual([10, 50]);
  });
});
