/**
 * Kernel byte counters of an interface: the ground truth for bandwidth (headers included). For a participant,
 * read the host-side veth in the root namespace (a plain file read, no process spawned): what the host side
 * receives is what the participant sent (uplink), what it transmits is the participant's downlink.
 */
import { readFile } from 'node:fs/promises';
import { run } from '../system/exec.ts';
import type { ParticipantNamespace } from './participant-namespace.ts';

export interface InterfaceCounters {
  rxBytes: number;
  txBytes: number;
  /** performance.now() when read, for rates */
  at: number;
}

const FILES = ['rx_bytes', 'tx_bytes'] as const;

/** @param namespace null (or '') for the root namespace; otherwise read inside it via `ip netns exec` */
export async function readInterfaceCounters(namespace: string | null, ifname: string): Promise<InterfaceCounters> {
  const dir = `/sys/class/net/${ifname}/statistics`;
  const values = namespace
    ? (await run('ip', ['netns', 'exec', namespace, 'cat', ...FILES.map((f) => `${dir}/${f}`)])).trim().split('\n')
    : await Promise.all(FILES.map((f) => readFile(`${dir}/${f}`, 'utf8')));
  const [rx, tx] = values.map((v) => Number(v.trim()));
  return { rxBytes: rx ?? NaN, txBytes: tx ?? NaN, at: performance.now() };
}

/** A participant's uplink/downlink byte and packet counters, from its host-side veth. */
export async function readParticipantCounters(
  participant: Pick<ParticipantNamespace, 'hostVeth'>,
): Promise<{ uplinkBytes: number; downlinkBytes: number; uplinkPackets: number; downlinkPackets: number; at: number }> {
  const dir = `/sys/class/net/${participant.hostVeth}/statistics`;
  const [rxBytes, txBytes, rxPackets, txPackets] = (
    await Promise.all(['rx_bytes', 'tx_bytes', 'rx_packets', 'tx_packets'].map((f) => readFile(`${dir}/${f}`, 'utf8')))
  ).map((v) => Number(v.trim()));
  // packets let the runner take the Ethernet/IP/UDP headers out when it compares with getStats
  return {
    uplinkBytes: rxBytes ?? NaN,
    downlinkBytes: txBytes ?? NaN,
    uplinkPackets: rxPackets ?? NaN,
    downlinkPackets: txPackets ?? NaN,
    at: performance.now(),
  };
}

/** kbit/s between two readings of the same counter */
export function kbps(bytesBefore: number, bytesAfter: number, msBefore: number, msAfter: number): number {
  const seconds = (msAfter - msBefore) / 1000;
  return seconds > 0 ? ((bytesAfter - bytesBefore) * 8) / 1000 / seconds : 0;
}
