/**
 * Every joined participant's per-second sample: its sources read together each second (WebRTC statistics
 * first, then whatever else it has: kernel counters in a lab namespace, its own browser's processes) and
 * merged into one line of the trial's samples file. A second in which the page gave no statistics has no
 * sample. A participant whose browser disappeared during the window is marked crashed.
 */
import type { Sample } from '../../results/run-record.ts';
import type { Participant } from '../participants/participant.ts';
import type { Collector } from './collector.ts';
import type { ParticipantSource, SampleFields } from './participant-source.ts';

export interface SampledParticipant {
  participant: Participant;
  joined(): boolean;
  /** built when the window opens (a browser's pid is known once it joined); the WebRTC source first */
  sources(): ParticipantSource[];
}

export interface ParticipantSamples {
  samples: Sample[];
  crashedDuringWindow: boolean;
}

/** fields a sample always has, null until a source fills them */
const UNMEASURED: SampleFields = {
  kernelUplinkKbps: null,
  kernelDownlinkKbps: null,
  kernelUplinkPayloadKbps: null,
  kernelDownlinkPayloadKbps: null,
  cpuPct: null,
  memoryMb: null,
};

export function participantSamplesCollector(members: readonly SampledParticipant[]): Collector<ParticipantSamples[]> {
  const results: ParticipantSamples[] = members.map(() => ({ samples: [], crashedDuringWindow: false }));
  let sources: ParticipantSource[][] = members.map(() => []);

  /** every source of one participant read at once; a failing source leaves its fields unmeasured and is reported */
  const readAll = async (i: number, t: number): Promise<{ fields: Array<SampleFields | null>; failures: string[] }> => {
    const settled = await Promise.allSettled((sources[i] ?? []).map((source) => source.read(t)));
    const failures = settled.flatMap((s, k) =>
      s.status === 'rejected' ? [`${sources[i]![k]!.name}: ${String((s.reason as Error)?.message ?? s.reason)}`] : [],
    );
    return { fields: settled.map((s) => (s.status === 'fulfilled' ? s.value : null)), failures };
  };
  const live = (i: number): boolean => members[i]!.joined() && !members[i]!.participant.crashed;

  return {
    name: 'participant samples',
    async start() {
      sources = members.map((m) => (m.joined() ? m.sources() : []));
      // a first reading of every source, so that second 1 already has rates
      await Promise.all(members.map((_, i) => (live(i) ? readAll(i, 0) : null)));
    },
    async sample(t) {
      const failures: string[] = [];
      await Promise.all(
        members.map(async (member, i) => {
          if (!member.joined()) return;
          if (member.participant.crashed) {
            results[i]!.crashedDuringWindow = true;
            return;
          }
          const read = await readAll(i, t);
          failures.push(...read.failures.map((f) => `${member.participant.name}: ${f}`));
          const [webrtc, ...others] = read.fields;
          if (!webrtc) return;
          results[i]!.samples.push(Object.assign({ t, participant: member.participant.name }, webrtc, UNMEASURED, ...others.filter(Boolean)) as Sample);
        }),
      );
      if (failures.length > 0) throw new Error(failures[0]);
    },
    stop: () => results,
  };
}
