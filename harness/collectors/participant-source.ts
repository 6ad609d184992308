/**
 * One source of a participant's per-second sample: its page's WebRTC statistics, its namespace's kernel
 * counters, its browser's processes. Each reading gives the sample fields that source knows; a source
 * that reads rates returns what changed since its previous reading.
 */
import type { Sample } from '../../results/run-record.ts';

export type SampleFields = Partial<Omit<Sample, 't' | 'participant'>>;

export interface ParticipantSource {
  readonly name: string;
  read(t: number): Promise<SampleFields | null>;
}
