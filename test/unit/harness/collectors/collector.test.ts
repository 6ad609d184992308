/**
 * Collectors never throw into the trial: a guarded collector keeps its first error beside what it
 * measured, and a participant's failing source leaves its own fields unmeasured, not the whole sample.
 */
import { describe, expect, it } from 'vitest';
import { guard, collectorErrors, type Collector } from '../../../../harness/collectors/collector.ts';
import { participantSamplesCollector } from '../../../../harness/collectors/participant-samples.ts';
import type { ParticipantSource } from '../../../../harness/collectors/participant-source.ts';
import type { Participant } from '../../../../harness/participants/participant.ts';

describe('a guarded collector', () => {
  it('hands back its data and no error when nothing went wrong', async () => {
    const seen: number[] = [];
    const counting: Collector<number[]> = { name: 'counting', start: () => undefined, sample: (t) => void seen.push(t), stop: () => seen };
    const g = guard(counting);
    await g.start();
    await g.sample(1);
    await g.sample(2);
    expect(await g.stop()).toEqual({ value: [1, 2], error: null });
  });

  it('survives a failing second, keeps the first error with where it happened, and still returns its data', async () => {
    const seen: number[] = [];
    const flaky: Collector<number[]> = {
      name: 'flaky',
      start: () => undefined,
      sample: (t) => {
        if (t % 2 === 0) throw new Error(`no reading at ${t}\nwith a second line`);
        seen.push(t);
      },
      stop: () => seen,
    };
    const g = guard(flaky);
    await g.start();
    for (const t of [1, 2, 3, 4]) await expect(g.sample(t)).resolves.toBeUndefined();
    const result = await g.stop();
    expect(result).toEqual({ value: [1, 3], error: 'flaky: second 2: no reading at 2' });
    expect(collectorErrors([result, { value: 1, error: null }])).toEqual(['flaky: second 2: no reading at 2']);
  });

  it('gives no data, and the reason, when stopping fails', async () => {
    const broken: Collector<string> = {
      name: 'broken',
      start: () => Promise.reject(new Error('gone')),
      sample: () => undefined,
      stop: () => {
        throw new Error('still gone');
      },
    };
    const g = guard(broken);
    await g.start();
    expect(await g.stop()).toEqual({ value: null, error: 'broken: start: gone' });
  });
});

describe('the participant samples collector', () => {
  const member = (name: string, sources: ParticipantSource[], joined = true) => ({
    participant: { name, crashed: false } as unknown as Participant,
    joined: () => joined,
    sources: () => sources,
  });
  const webrtc: ParticipantSource = { name: 'WebRTC statistics', read: async () => ({ uplinkKbps: 100, downlinkKbps: 200 }) };

  it('merges every source into one sample a second, and leaves a failing source unmeasured', async () => {
    const kernel: ParticipantSource = {
      name: 'kernel counters',
      read: async (t) => {
        if (t === 2) throw new Error('veth gone');
        return { kernelUplinkKbps: 110 };
      },
    };
    const g = guard(participantSamplesCollector([member('p1', [webrtc, kernel]), member('p2', [webrtc], false)]));
    await g.start();
    await g.sample(1);
    await g.sample(2);
    const { value, error } = await g.stop();
    expect(value![0]!.samples).toEqual([
      {
        t: 1,
        participant: 'p1',
        uplinkKbps: 100,
        downlinkKbps: 200,
        kernelUplinkKbps: 110,
        kernelDownlinkKbps: null,
        kernelUplinkPayloadKbps: null,
        kernelDownlinkPayloadKbps: null,
        cpuPct: null,
        memoryMb: null,
      },
      {
        t: 2,
        participant: 'p1',
        uplinkKbps: 100,
        downlinkKbps: 200,
        kernelUplinkKbps: null,
        kernelDownlinkKbps: null,
        kernelUplinkPayloadKbps: null,
        kernelDownlinkPayloadKbps: null,
        cpuPct: null,
        memoryMb: null,
      },
    ]);
    expect(value![1]!.samples).toEqual([]);
    expect(error).toBe('participant samples: second 2: p1: kernel counters: veth gone');
  });

  it('keeps no sample for a second without WebRTC statistics, and marks a browser lost in the window', async () => {
    const quiet = member('p1', [{ name: 'WebRTC statistics', read: async () => null }]);
    const g = guard(participantSamplesCollector([quiet]));
    await g.start();
    await g.sample(1);
    (quiet.participant as { crashed: boolean }).crashed = true;
    await g.sample(2);
    expect((await g.stop()).value).toEqual([{ samples: [], crashedDuringWindow: true }]);
  });
});
