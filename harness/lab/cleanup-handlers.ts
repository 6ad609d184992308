/**
 * Removing what this process created when it ends: on normal exit, on an uncaught crash, and on SIGINT or
 * SIGTERM. Participant namespaces this process created are removed (their browsers killed), and the lab if
 * this process started it (not when it reused another's, and not a persistent lab once it is ready).
 * Everything here is synchronous: an 'exit' listener cannot await.
 */
import { labDownSync } from './lab.ts';
import { removeNamespaceSync } from './lab-network.ts';
import { readCurrentState, withLabLockSync, writeState } from './lab-state.ts';
import { owned } from './ownership.ts';

/** Remove what this process owns now. Safe to call more than once. */
export function cleanupOwnedSync(): void {
  if (owned.participants.size > 0) {
    withLabLockSync(() => {
      for (const ns of owned.participants) removeNamespaceSync(ns);
      const state = readCurrentState();
      if (state) writeState({ ...state, participants: state.participants.filter((p) => !owned.participants.has(p.namespace)) });
    });
    owned.participants.clear();
  }
  if (owned.labDataDir && (!owned.labPersistent || !owned.labReady)) {
    labDownSync(owned.labDataDir);
    owned.labDataDir = null;
  }
}

const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/**
 * @param options.exitOnSignal true (default): on SIGINT/SIGTERM/SIGHUP clean up and exit (130/143/129).
 *   false: leave signals to the caller (the runner marks the run interrupted and closes browsers first);
 *   the 'exit' hook still cleans up when it finally exits.
 * @returns a function that removes the hooks
 */
export function installCleanupHandlers(options: { exitOnSignal?: boolean } = {}): () => void {
  const onExit = (): void => cleanupOwnedSync();
  const onSignal = (signal: NodeJS.Signals): void => {
    cleanupOwnedSync();
    process.exit(SIGNAL_EXIT[signal] ?? 1);
  };
  process.on('exit', onExit);
  const signals = options.exitOnSignal === false ? [] : (Object.keys(SIGNAL_EXIT) as NodeJS.Signals[]);
  for (const s of signals) process.on(s, onSignal);
  return () => {
    process.off('exit', onExit);
    for (const s of signals) process.off(s, onSignal);
  };
}
