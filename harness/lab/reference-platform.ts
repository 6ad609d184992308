/**
 * A reference platform of the lab: a real open-source server that meetbench starts inside its own network
 * namespace (Janus, Galène, ...). `lab up` starts each selected one; `lab down` and the reaper stop them.
 */
import type { LabPlatformInfo } from '../../results/run-record.ts';
import type { TurnServerConfig } from './coturn-config.ts';

export interface LabHost {
  /** network namespace the server runs in, e.g. "mb-janus" */
  namespace: string;
  /** the namespace's address on the lab bridge, e.g. "10.99.0.2" */
  address: string;
  /** the veth inside the namespace (for ICE interface filters) */
  interfaceName: string;
  /** a folder for generated config, logs and pid files */
  workDir: string;
}

export interface ReferencePlatformEndpoints {
  /** URL participants open to join, with `{room}` and `{name}` placeholders where relevant */
  pageUrl: string;
  /** other URLs worth knowing (API, health) */
  extra: Record<string, string>;
  /** pids of the processes started, for status and reaping */
  pids: number[];
}

/** Lab services a platform may rely on, started before it (see `requires` in reference-platforms.ts). */
export interface LabServices {
  /** the lab's TURN server (coturn), when it runs */
  turn: TurnServerConfig | null;
}

export interface ReferencePlatform {
  id: string;
  /** a platform that stands for another product (a reconstruction): how reports name it, and its sources */
  describes?: LabPlatformInfo;
  /** Debian packages or other prerequisites, checked by `doctor` and before the lab starts it; `hint` says how to fix a failure */
  check(): Promise<{ ok: boolean; detail: string; hint?: string }>;
  start(host: LabHost, rooms: { count: number; maxPublishers: number; bitrateBps: number }, services: LabServices): Promise<ReferencePlatformEndpoints>;
  /** resolve when the platform answers on its endpoints */
  waitReady(host: LabHost, endpoints: ReferencePlatformEndpoints, timeoutMs: number): Promise<void>;
}
