/** What every router factory receives: the store, and the cached snapshot of its runs. */
import type { ResultsStore } from '../results/store/results-store.ts';
import type { SnapshotSource } from './model/runs-snapshot.ts';

export interface ViewerContext {
  store: ResultsStore;
  snapshots: SnapshotSource;
}
