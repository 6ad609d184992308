/**
 * What this process created and must remove when it ends: the lab (unless it was reused from another
 * process, or started by `lab up` to outlive us) and its participant namespaces. Module state on purpose:
 * exit and signal hooks have nothing else to reach it through.
 */
export const owned = {
  /** data dir of the lab this process started; null when none or when it was reused */
  labDataDir: null as string | null,
  /** a persistent lab is handed over to the user once ready, and no longer ours to remove */
  labPersistent: false,
  labReady: false,
  participants: new Set<string>(),
};
