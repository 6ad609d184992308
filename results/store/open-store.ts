import { LowdbStore } from './lowdb-store.ts';
import type { ResultsStore } from './results-store.ts';

/** Opens the results store of a data directory (created if missing; a corrupt file is refused, never reset). */
export async function openStore(dataDir: string): Promise<ResultsStore> {
  const store = new LowdbStore(dataDir);
  await store.init();
  return store;
}
