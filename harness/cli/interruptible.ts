/**
 * Long commands (run, nightly, demo) stop cleanly on SIGINT/SIGTERM — from Ctrl-C, cron or systemd: the
 * signal aborts the work, which closes the browsers, removes the lab's namespaces and stores what was
 * measured as incomplete; a second signal exits at once (the exit hook still removes the namespaces).
 * When the work ends, however it ends, the lab it started is taken down.
 */
import { EXIT_CODES } from '../../results/errors.ts';
import { cleanupOwnedSync, installCleanupHandlers } from '../lab/index.ts';
import { info } from './output.ts';

export async function interruptible<T>(what: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const removeHooks = installCleanupHandlers({ exitOnSignal: false });
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    signals += 1;
    if (signals > 1) process.exit(EXIT_CODES.interrupted);
    info(`\n${signal}: stopping ${what} — closing browsers, removing the lab's namespaces, storing what was measured (again to force)`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // the lab this command started (not one it reused) and its participant namespaces go now: the
    // command may go on (demo serves the viewer) and nothing of the lab should outlive the measurement
    cleanupOwnedSync();
    removeHooks();
  }
}
