/**
 * Bringing the lab up and down. `labUp` reaps a stale lab, creates the bridge, gives each selected reference
 * platform its own namespace and address (registry in reference-platforms.ts), starts it and waits until it
 * answers; the state file records everything before it is created, so a crash at any step is reaped later.
 * A running lab that already has what is asked for is reused (the runner then must not take it down).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { HarnessError } from '../errors.ts';
import { DEFAULT_ROOMS, validateRooms } from './janus-config.ts';
import { createAttachedNamespace, ensureBridge, linkExists, listLabLinks, listLabNamespaces, namespaceExists } from './lab-network.ts';
import { BRIDGE, BRIDGE_ADDRESS, platformNames } from './lab-names.ts';
import { labWorkDir, readPointer, readState, withLabLock, withLabLockSync, writeState, type LabState, type RoomPlan } from './lab-state.ts';
import { owned } from './ownership.ts';
import { identityOf, isSameProcessAlive } from '../system/processes.ts';
import { REFERENCE_PLATFORMS, withRequirements } from './reference-platforms.ts';
import { labTurnServer } from './coturn.ts';
import { requireRoot } from '../system/require-root.ts';
import { reapStaleSync, removeAllLabObjectsSync, staleReason } from './teardown.ts';

export interface LabUpOptions {
  dataDir: string;
  /** reference platform ids, default ['janus'] */
  platforms?: string[];
  rooms?: Partial<RoomPlan>;
  /** outlive this process (what `meetbench lab up` wants); otherwise removed when this process ends */
  persistent?: boolean;
  /** reuse a running lab that has these platforms and enough rooms (default true) */
  reuse?: boolean;
  readyTimeoutMs?: number;
  /** when another process's lab is running and cannot be reused, wait this long for it to go (default 0) */
  waitMs?: number;
  onProgress?: (message: string) => void;
}

export interface LabUpResult {
  state: LabState;
  /** true when an existing lab was reused: it is not ours to take down */
  reused: boolean;
  /** what the reaper removed first */
  reaped: string[];
}

function compatible(live: LabState, platforms: string[], rooms: RoomPlan): boolean {
  return (
    platforms.every((id) => live.platforms.some((p) => p.id === id)) &&
    live.rooms.count >= rooms.count &&
    live.rooms.maxPublishers >= rooms.maxPublishers &&
    live.rooms.bitrateBps === rooms.bitrateBps
  );
}

export async function labUp(options: LabUpOptions): Promise<LabUpResult> {
  const deadline = Date.now() + (options.waitMs ?? 0);
  let said = false;
  for (;;) {
    try {
      return await labUpOnce(options);
    } catch (error) {
      if (!(error instanceof HarnessError) || error.code !== 'ALREADY_RUNNING' || Date.now() > deadline) throw error;
      if (!said) options.onProgress?.(`${error.message}: waiting for it, at most ${Math.round((deadline - Date.now()) / 1000)} s`);
      said = true;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

async function labUpOnce(options: LabUpOptions): Promise<LabUpResult> {
  requireRoot('the lab');
  const dataDir = path.resolve(options.dataDir);
  const asked = options.platforms ?? ['janus'];
  const rooms: RoomPlan = { ...DEFAULT_ROOMS, ...options.rooms };
  validateRooms(rooms);
  for (const id of asked) {
    if (!REFERENCE_PLATFORMS[id]) {
      throw new HarnessError('INVALID_INPUT', `unknown lab platform "${id}"`, { hint: `known: ${Object.keys(REFERENCE_PLATFORMS).join(', ')}` });
    }
  }
  const ids = withRequirements(asked);
  const progress = options.onProgress ?? (() => undefined);
  // what this machine lacks is said before anything is created (or reused), with how to fix it
  for (const id of ids) {
    const verdict = await REFERENCE_PLATFORMS[id]!.platform.check();
    if (!verdict.ok)
      throw new HarnessError('LAB_FAILED', `lab:${id} cannot run on this machine: ${verdict.detail}`, {
        hint: verdict.hint ?? 'node bin/meetbench.js doctor lists what is missing',
      });
  }

  return withLabLock(async () => {
    const reap = reapStaleSync();
    if (reap.removed.length > 0) progress(`reaped a stale lab (${reap.reason}): ${reap.removed.join(', ')}`);
    if (reap.live) {
      if (options.reuse !== false && compatible(reap.live, ids, rooms)) {
        progress(`reusing the running lab of ${reap.live.dataDir} (pid ${reap.live.owner.pid})`);
        return { state: reap.live, reused: true, reaped: reap.removed };
      }
      throw new HarnessError(
        'ALREADY_RUNNING',
        `a lab is already running (data dir ${reap.live.dataDir}, owner pid ${reap.live.owner.pid}) with other platforms or rooms`,
        {
          hint: `take it down first: node bin/meetbench.js --data-dir ${reap.live.dataDir} lab down`,
        },
      );
    }

    const workDir = labWorkDir(dataDir);
    const state: LabState = {
      schemaVersion: 1,
      dataDir,
      workDir,
      createdAt: new Date().toISOString(),
      status: 'starting',
      owner: { ...identityOf(process.pid), persistent: options.persistent ?? false, command: process.argv.slice(1).join(' ') },
      bridge: { name: BRIDGE, address: BRIDGE_ADDRESS },
      rooms,
      platforms: ids.map((id) => {
        const names = platformNames(id, REFERENCE_PLATFORMS[id]!.octet);
        return { id, ...names, workDir: path.join(workDir, id), endpoints: null, processes: [] };
      }),
      participants: [],
    };
    writeState(state);
    owned.labDataDir = dataDir;
    owned.labPersistent = state.owner.persistent;
    owned.labReady = false;
    try {
      await ensureBridge();
      progress(`bridge ${BRIDGE} ${BRIDGE_ADDRESS}/24`);
      for (const record of state.platforms) {
        const { platform } = REFERENCE_PLATFORMS[record.id]!;
        mkdirSync(record.workDir, { recursive: true });
        await createAttachedNamespace(record);
        progress(`namespace ${record.namespace} at ${record.address}`);
        const host = { namespace: record.namespace, address: record.address, interfaceName: record.nsVeth, workDir: record.workDir };
        record.endpoints = await platform.start(host, rooms, { turn: labTurnServer(state.platforms) });
        record.processes = record.endpoints.pids.map(identityOf);
        writeState(state);
        const started = Date.now();
        await platform.waitReady(host, record.endpoints, options.readyTimeoutMs ?? 30_000);
        progress(`${record.id} ready in ${Date.now() - started} ms: ${record.endpoints.pageUrl}`);
      }
      state.status = 'ready';
      writeState(state);
      owned.labReady = true;
      return { state, reused: false, reaped: reap.removed };
    } catch (error) {
      removeAllLabObjectsSync(state);
      owned.labDataDir = null;
      throw error;
    }
  });
}

export interface LabDownResult {
  removed: string[];
}

/** Remove the lab recorded in this data dir (or leftovers of no live lab). Synchronous inside, so also safe at exit. */
export async function labDown(dataDir: string): Promise<LabDownResult> {
  requireRoot('taking the lab down', 'node bin/meetbench.js lab down');
  return withLabLock(async () => labDownUnlocked(path.resolve(dataDir)));
}

function labDownUnlocked(dataDir: string): LabDownResult {
  const pointer = readPointer();
  const state = readState(dataDir);
  if (!state && pointer && pointer.dataDir !== dataDir) {
    const other = readState(pointer.dataDir);
    if (other && !staleReason(other)) {
      throw new HarnessError('NOT_FOUND', `the running lab belongs to data dir ${pointer.dataDir}, not ${dataDir}`, {
        hint: `node bin/meetbench.js --data-dir ${pointer.dataDir} lab down`,
      });
    }
  }
  const removed = removeAllLabObjectsSync(state ?? (pointer ? readState(pointer.dataDir) : null));
  if (owned.labDataDir === dataDir) owned.labDataDir = null;
  owned.participants.clear();
  return { removed };
}

/** For exit hooks: take down the lab this process owns, without awaiting anything. */
export function labDownSync(dataDir: string): LabDownResult {
  return withLabLockSync(() => labDownUnlocked(path.resolve(dataDir)));
}

export interface LabStatus {
  running: boolean;
  /** why the recorded lab is not usable, when it is stale */
  stale: string | null;
  state: LabState | null;
  /** a lab of another data dir holds the machine's lab objects */
  otherDataDir: string | null;
  namespaces: string[];
  links: string[];
  platforms: Array<{ id: string; address: string; pageUrl: string | null; processesAlive: boolean; namespacePresent: boolean }>;
}

export function labStatus(dataDir: string): LabStatus {
  const resolved = path.resolve(dataDir);
  const state = readState(resolved);
  const pointer = readPointer();
  const stale = state ? staleReason(state) : null;
  return {
    running: !!state && !stale && linkExists(BRIDGE),
    stale,
    state,
    otherDataDir: pointer && pointer.dataDir !== resolved ? pointer.dataDir : null,
    namespaces: listLabNamespaces(),
    links: listLabLinks(),
    platforms: (state?.platforms ?? []).map((p) => ({
      id: p.id,
      address: p.address,
      pageUrl: p.endpoints?.pageUrl ?? null,
      processesAlive: p.processes.length > 0 && p.processes.every(isSameProcessAlive),
      namespacePresent: namespaceExists(p.namespace),
    })),
  };
}
