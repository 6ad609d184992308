/**
 * An expected problem with a user's input file (scenario, suite, criteria): every problem names the
 * file, the line and the path at fault and says what was expected. It lives in results/ because
 * results/ may not import harness/. It is an ExpectedError (exit 2): the CLI prints the problems, no stack trace.
 */
import { ExpectedError } from './errors.ts';

export interface InputProblem {
  /** where in the document, e.g. `measured[2].threshold`; '' for the whole file */
  path: string;
  /** 1-based line in the file, or null when the problem has no position (e.g. the file cannot be read) */
  line: number | null;
  /** what is wrong and what was expected */
  message: string;
}

export class InputError extends ExpectedError {
  readonly file: string;
  readonly problems: InputProblem[];

  constructor(file: string, problems: InputProblem[], hint?: string) {
    const first = problems[0];
    const single = problems.length === 1 && first;
    // one problem fits the message line; several are listed under it, one per line
    super('INVALID_INPUT', single ? formatProblem(file, first) : `${file}: ${problems.length} problems`, {
      details: single ? [] : problems.map((p) => formatProblem(file, p)),
      ...(hint ? { hint } : {}),
    });
    this.file = file;
    this.problems = problems;
  }

  /** one line per problem, `file:line: path: message`, in file order */
  lines(): string[] {
    return this.problems.map((p) => formatProblem(this.file, p));
  }
}

export function formatProblem(file: string, problem: InputProblem): string {
  const where = problem.line === null ? file : `${file}:${problem.line}`;
  return problem.path ? `${where}: ${problem.path}: ${problem.message}` : `${where}: ${problem.message}`;
}

/** `['measured', 2, 'threshold']` → `measured[2].threshold` (the form users read in error messages) */
export function formatPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}
