/** What every router factory receives: the store, the cached snapshot of its runs, and the criteria file if any. */
import type { ResultsStore } from '../results/store/results-store.ts';
import type { CriteriaFile } from '../results/criteria/criteria-schema.ts';
import type { SnapshotSource } from './model/runs-snapshot.ts';

export interface ViewerContext {
  store: ResultsStore;
  snapshots: SnapshotSource;
  /** `meetbench serve --criteria FILE`: judge every run with it (declared criteria included) */
  criteria?: ViewerCriteria | undefined;
}

/** `meetbench serve --criteria FILE`: the criteria every run is judged with */
export interface ViewerCriteria {
  file: CriteriaFile;
  /** where it came from, shown to readers (a path) */
  label: string;
}
