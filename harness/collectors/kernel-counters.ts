/**
 * A participant's bandwidth by the kernel: the byte and packet counters of its namespace's host-side veth,
 * the ground truth (headers included) beside getStats. Raw rates count every packet's Ethernet, IPv4 and
 * UDP headers; payload rates take them out, to compare with getStats' transport bytes.
 */
import { readParticipantCounters, type ParticipantNamespace } from '../lab/index.ts';
import type { ParticipantSource } from './participant-source.ts';

export interface KernelReading {
  uplinkBytes: number;
  downlinkBytes: number;
  uplinkPackets: number;
  downlinkPackets: number;
  at: number;
}

/** Ethernet (14) + IPv4 (20) + UDP (8) bytes that the veth counts on every packet and getStats does not. */
export const FRAME_HEADER_BYTES = 42;

/** kbit/s between two kernel readings: raw (headers included) and payload (UDP payload, what getStats counts). */
export function kernelRates(before: KernelReading, after: KernelReading): { up: number; down: number; upPayload: number; downPayload: number } {
  const seconds = (after.at - before.at) / 1000;
  const rate = (bytes: number): number => Math.round(((bytes * 8) / 1000 / seconds) * 10) / 10;
  const upBytes = after.uplinkBytes - before.uplinkBytes;
  const downBytes = after.downlinkBytes - before.downlinkBytes;
  return {
    up: rate(upBytes),
    down: rate(downBytes),
    upPayload: rate(Math.max(0, upBytes - FRAME_HEADER_BYTES * (after.uplinkPackets - before.uplinkPackets))),
    downPayload: rate(Math.max(0, downBytes - FRAME_HEADER_BYTES * (after.downlinkPackets - before.downlinkPackets))),
  };
}

export function kernelCountersSource(namespace: Pick<ParticipantNamespace, 'hostVeth'>): ParticipantSource {
  let previous: KernelReading | null = null;
  return {
    name: 'kernel counters',
    read: async () => {
      const now = await readParticipantCounters(namespace).catch(() => null);
      const rates = now && previous ? kernelRates(previous, now) : null;
      previous = now;
      if (!rates) return null;
      return {
        kernelUplinkKbps: rates.up,
        kernelDownlinkKbps: rates.down,
        kernelUplinkPayloadKbps: rates.upPayload,
        kernelDownlinkPayloadKbps: rates.downPayload,
      };
    },
  };
}
