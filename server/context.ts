/** What every router factory receives: the store, the cached snapshot of its runs, and the criteria file if any. */
import type { ResultsStore } from '../results/store/results-store.ts';
import type { ViewerCriteria } from './model/judge-run.ts';
import type { SnapshotSource } from './model/runs-snapshot.ts';

export interface ViewerContext {
  store: ResultsStore;
  snapshots: SnapshotSource;
  /** `meetbench serve --criteria FILE`: judge every run with it (declared criteria included) */
  criteria?: ViewerCriteria | undefined;
}
