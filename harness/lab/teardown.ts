/**
 * Removing the lab, and the reaper. There is one lab per machine (one `mb-br0`), so tearing it down means
 * removing every `mb-` namespace (after killing what runs inside), every `mb-` link and root nftables table,
 * and the state files. Everything here is synchronous so it also runs from a process 'exit' hook.
 * A lab is stale when its owner died (unless it was started by `lab up` to outlive it), when it died while
 * starting, when one of its servers died, or when its bridge vanished (reboot).
 */
import { linkExists, listLabLinks, listLabNamespaces, listLabNftTables, removeLinkSync, removeNamespaceSync, removeNftTableSync } from './lab-network.ts';
import { BRIDGE } from './lab-names.ts';
import { clearPointer, clearState, readCurrentState, writeState, type LabState } from './lab-state.ts';
import { isSameProcessAlive, terminateSync } from '../system/processes.ts';

/** Remove every `mb-` object of the machine and the given lab's state; returns what was removed. */
export function removeAllLabObjectsSync(state: LabState | null): string[] {
  const removed: string[] = [];
  // participants first: their browsers talk to the servers and would log errors while those go away
  const namespaces = listLabNamespaces().sort((a, b) => Number(b.startsWith('mb-p')) - Number(a.startsWith('mb-p')));
  for (const ns of namespaces) {
    removeNamespaceSync(ns);
    removed.push(`namespace ${ns}`);
  }
  // servers that somehow escaped their namespace (it was deleted under them) are still ours by identity
  const leftover = (state?.platforms ?? []).flatMap((p) => p.processes).filter(isSameProcessAlive);
  if (leftover.length > 0) {
    terminateSync(leftover.map((p) => p.pid));
    removed.push(...leftover.map((p) => `process ${p.pid}`));
  }
  for (const link of listLabLinks()) {
    removeLinkSync(link);
    removed.push(`link ${link}`);
  }
  for (const [family, name] of listLabNftTables()) {
    removeNftTableSync(family, name);
    removed.push(`nft table ${family} ${name}`);
  }
  if (state) clearState(state.dataDir);
  clearPointer();
  return removed;
}

export function staleReason(state: LabState): string | null {
  const ownerAlive = isSameProcessAlive(state.owner);
  if (!ownerAlive && state.status === 'starting') return `its owner (pid ${state.owner.pid}) died while starting it`;
  if (!ownerAlive && !state.owner.persistent) return `its owner (pid ${state.owner.pid}) is gone`;
  if (!linkExists(BRIDGE)) return `its bridge ${BRIDGE} is gone`;
  if (state.status === 'ready') {
    for (const platform of state.platforms) {
      const dead = platform.processes.find((p) => !isSameProcessAlive(p));
      if (dead) return `${platform.id}'s process ${dead.pid} died`;
    }
  }
  return null;
}

export interface ReapResult {
  /** the lab still running after the reap (owned by a live process, or persistent) */
  live: LabState | null;
  removed: string[];
  reason: string | null;
}

/** Participants whose owner died: remove their namespaces and forget them. */
function reapParticipantsSync(state: LabState): string[] {
  const removed: string[] = [];
  const known = new Set(state.participants.map((p) => p.namespace));
  const keep = state.participants.filter((p) => isSameProcessAlive(p.owner));
  for (const p of state.participants.filter((x) => !keep.includes(x))) {
    removeNamespaceSync(p.namespace);
    removed.push(`namespace ${p.namespace}`);
  }
  // a participant namespace nobody recorded (records are written before creation, under the lock)
  for (const ns of listLabNamespaces().filter((n) => /^mb-p\d+$/.test(n) && !known.has(n))) {
    removeNamespaceSync(ns);
    removed.push(`namespace ${ns}`);
  }
  for (const [family, name] of listLabNftTables()) {
    const owner = /^mb-p(\d+)/.exec(name);
    if (owner && !keep.some((p) => p.index === Number(owner[1]))) {
      removeNftTableSync(family, name);
      removed.push(`nft table ${family} ${name}`);
    }
  }
  if (keep.length !== state.participants.length) writeState({ ...state, participants: keep });
  return removed;
}

/**
 * Remove a lab left by a dead owner, and participant namespaces left by dead runners. Call with the lab
 * lock held (labUp and createParticipantNamespace do).
 */
export function reapStaleSync(): ReapResult {
  const state = readCurrentState();
  if (state) {
    const reason = staleReason(state);
    if (!reason) {
      const removed = reapParticipantsSync(state);
      return { live: readCurrentState(), removed, reason: removed.length > 0 ? 'participants of dead runners' : null };
    }
    return { live: null, removed: removeAllLabObjectsSync(state), reason };
  }
  // no record at all but kernel objects of ours: a crash before the state was written, or a wiped data dir
  const orphans = listLabNamespaces().length + listLabLinks().length + listLabNftTables().length;
  if (orphans === 0) return { live: null, removed: [], reason: null };
  return { live: null, removed: removeAllLabObjectsSync(null), reason: 'objects with no lab state' };
}
