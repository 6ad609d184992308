/**
 * What the lab is made of, on disk, so `meetbench lab down` or `status` in another process, and the reaper
 * after a crash, know what to remove. The state lives in `<dataDir>/lab/state.json`; because kernel objects
 * are machine-wide (one `mb-br0` per machine), a pointer in /run/meetbench/lab.json says which data dir owns
 * the running lab, and one inter-process lock beside it serialises every change.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { HarnessError } from '../errors.ts';
import type { ProcessIdentity } from '../system/processes.ts';
import type { ReferencePlatformEndpoints } from './reference-platform.ts';

export const RUN_DIR = '/run/meetbench';
const POINTER = path.join(RUN_DIR, 'lab.json');
const LOCK_TARGET = path.join(RUN_DIR, 'lab');

export interface RoomPlan {
  count: number;
  maxPublishers: number;
  bitrateBps: number;
}

export interface PlatformRecord {
  id: string;
  namespace: string;
  address: string;
  hostVeth: string;
  nsVeth: string;
  workDir: string;
  /** null until the platform's start() returned */
  endpoints: ReferencePlatformEndpoints | null;
  /** the endpoints' pids with their start times, so a reused pid is never killed */
  processes: ProcessIdentity[];
}

export interface ParticipantRecord {
  index: number;
  namespace: string;
  address: string;
  hostVeth: string;
  nsVeth: string;
  chromiumWrapper: string;
  owner: ProcessIdentity;
  createdAt: string;
}

export interface LabState {
  schemaVersion: 1;
  dataDir: string;
  /** `<dataDir>/lab`: configs, logs, wrappers */
  workDir: string;
  createdAt: string;
  /** "starting" until every platform answered */
  status: 'starting' | 'ready';
  /** a persistent lab (`meetbench lab up`) outlives its owner and stays until `lab down` */
  owner: ProcessIdentity & { persistent: boolean; command: string };
  bridge: { name: string; address: string };
  rooms: RoomPlan;
  platforms: PlatformRecord[];
  participants: ParticipantRecord[];
}

export const labWorkDir = (dataDir: string): string => path.join(dataDir, 'lab');
export const statePath = (dataDir: string): string => path.join(labWorkDir(dataDir), 'state.json');

function writeAtomic(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(tmp, file);
}

function readJson<T>(file: string): T | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new HarnessError('LAB_FAILED', `${file} is not valid JSON: ${(error as Error).message}`, {
      hint: 'the lab state is damaged; `meetbench lab down` removes the lab and the file',
    });
  }
}

export function readState(dataDir: string): LabState | null {
  return readJson<LabState>(statePath(dataDir));
}

/** The data dir whose lab currently holds the machine's `mb-` objects, if any. */
export function readPointer(): { dataDir: string } | null {
  return readJson<{ dataDir: string }>(POINTER);
}

export function readCurrentState(): LabState | null {
  const pointer = readPointer();
  return pointer ? readState(pointer.dataDir) : null;
}

export function writeState(state: LabState): void {
  writeAtomic(statePath(state.dataDir), state);
  writeAtomic(POINTER, { dataDir: state.dataDir });
}

export function clearState(dataDir: string): void {
  rmSync(statePath(dataDir), { force: true });
  if (readPointer()?.dataDir === dataDir) rmSync(POINTER, { force: true });
}

export function clearPointer(): void {
  rmSync(POINTER, { force: true });
}

/** Run `fn` holding the machine-wide lab lock (waits up to about a minute for another process's change). */
export async function withLabLock<T>(fn: () => Promise<T>): Promise<T> {
  mkdirSync(RUN_DIR, { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(LOCK_TARGET, { realpath: false, stale: 15_000, retries: { retries: 120, minTimeout: 200, maxTimeout: 500 } });
  } catch (error) {
    throw new HarnessError('STORE_LOCKED', `another meetbench process is changing the lab (${LOCK_TARGET}.lock)`, {
      hint: 'wait for it to finish, or run `meetbench lab status`',
      cause: error,
    });
  }
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}

/** Synchronous variant for exit hooks; if the lock is busy we proceed anyway: the process is going away. */
export function withLabLockSync<T>(fn: () => T): T {
  let release: (() => void) | null = null;
  try {
    mkdirSync(RUN_DIR, { recursive: true });
    release = lockfile.lockSync(LOCK_TARGET, { realpath: false, stale: 15_000 });
  } catch {
    release = null;
  }
  try {
    return fn();
  } finally {
    try {
      release?.();
    } catch {
      // lock already gone
    }
  }
}
