/**
 * A stored run is checked against the run-record schema when the store is read, not just for its shape:
 * one run whose trial `criteria` is a number, or whose `participants` is a string, took down the viewer's
 * overview and crashed `score` and `prune`. Such a run is skipped by every reader and named, never
 * deleted or rewritten (the record as written stays in the file for whoever repairs it).
 * Ids and artifact names are also checked against the safe alphabet, since they become paths.
 */
import { RUN_SCHEMA_VERSION, runRecordSchema } from '../run-record.ts';
import { formatPath } from '../input-error.ts';
import { isSafeName } from '../paths/safe-name.ts';

/** a run the readers leave out, and why */
export interface SkippedRun {
  /** position in the store file's `runs` */
  index: number;
  id: string | null;
  problems: string[];
}

/** at most this many problems are named per run: one is enough to find it, hundreds would flood the log */
const MAX_PROBLEMS = 3;

/** what is wrong with a stored run (empty when it can be read) */
export function storedRunProblems(raw: unknown): string[] {
  const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > RUN_SCHEMA_VERSION) {
    return [`written by a newer meetbench (run schema version ${version}; this one reads ${RUN_SCHEMA_VERSION}): upgrade meetbench to read it`];
  }
  const parsed = runRecordSchema.safeParse(raw);
  if (!parsed.success)
    return parsed.error.issues.slice(0, MAX_PROBLEMS).map((issue) => `${formatPath(issue.path as PropertyKey[]) || 'the run'}: ${issue.message}`);
  const run = parsed.data;
  const problems: string[] = [];
  if (!isSafeName(run.id)) problems.push(`id ${JSON.stringify(run.id)} is not a safe name (letters, digits, ".", "_", "-")`);
  run.trials.forEach((trial, t) => {
    if (!isSafeName(trial.id)) problems.push(`trials[${t}].id ${JSON.stringify(trial.id)} is not a safe name`);
    trial.participants.forEach((participant, p) => {
      const unsafe = participant.artifacts.find((name) => !isSafeName(name));
      if (unsafe !== undefined) problems.push(`trials[${t}].participants[${p}].artifacts: ${JSON.stringify(unsafe)} is not a safe file name`);
    });
  });
  return problems.slice(0, MAX_PROBLEMS);
}

/** one line per skipped run, for logs and the CLI */
export function describeSkippedRun(skipped: SkippedRun): string {
  return `runs[${skipped.index}]${skipped.id === null ? '' : ` ${JSON.stringify(skipped.id)}`}: ${skipped.problems.join('; ')}`;
}
