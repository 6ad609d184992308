/**
 * The one error catalogue: every code of an error a user can cause or meet in normal operation (bad input,
 * a corrupt store, a lock held, the lab failing), the exit code it ends the CLI with, and what it means.
 * docs/architecture.md lists them (a test checks that every code there has its exit code). The CLI
 * prints an ExpectedError's message, details and hint, never its stack. It lives in results/ so that the
 * store and the criteria loader (which may not import harness/) raise them too.
 */
import { printable } from './printable.ts';

/** the process exit codes: a verdict's, or why nothing could be judged */
export const EXIT_CODES = { passed: 0, failed: 1, invalid: 2, broken: 3, inconclusive: 4, interrupted: 130 } as const;

interface CatalogueEntry {
  exit: number;
  /** in plain words, for the docs and the test that keeps them in step */
  means: string;
}

export const ERROR_CATALOGUE = {
  INVALID_INPUT: { exit: EXIT_CODES.invalid, means: 'a file (scenario, suite, criteria, profile) or an id is not what was expected' },
  INVALID_FLAG: { exit: EXIT_CODES.invalid, means: 'a command-line flag or argument is not what was expected' },
  NOT_FOUND: { exit: EXIT_CODES.invalid, means: 'a run, file or lab named by the user does not exist' },
  UNSUPPORTED: { exit: EXIT_CODES.invalid, means: 'the platform or this machine cannot do what the scenario asks' },
  PATH_OUTSIDE_ROOT: {
    exit: EXIT_CODES.invalid,
    means: 'a stored id or a name given would lead outside the data directory (a name with a separator or .., or a link out); nothing is touched',
  },
  STORE_CORRUPT: {
    exit: EXIT_CODES.broken,
    means: 'the results store cannot be read (truncated, foreign); it is kept as it is, and a copy aside once per distinct content',
  },
  STORE_NEWER: { exit: EXIT_CODES.broken, means: 'the results store was written by a newer meetbench: upgrade to read it (no copy is made)' },
  STORE_LOCKED: { exit: EXIT_CODES.broken, means: 'another process holds the results store' },
  STORE_WRITE_FAILED: { exit: EXIT_CODES.broken, means: 'the results store could not be written (disk full, read-only folder)' },
  STORE_UNREADABLE: {
    exit: EXIT_CODES.broken,
    means: 'the results store path is not a regular file (a folder, a FIFO, a device, a link to nowhere) or is too large to read; nothing is changed',
  },
  STORE_RUN_UNREADABLE: {
    exit: EXIT_CODES.broken,
    means: 'a stored run asked for by id does not match the run-record schema; readers skip it and name it, the file keeps it as written',
  },
  OUTPUT_WRITE_FAILED: {
    exit: EXIT_CODES.broken,
    means: 'an output file (-o) could not be written for another reason than its path (a full disk); nothing else is changed',
  },
  SAMPLES_UNREADABLE: { exit: EXIT_CODES.broken, means: "a trial's samples file is not a regular file of at most 128 MiB; the run record is intact" },
  STORE_RECORD_INVALID: {
    exit: EXIT_CODES.broken,
    means: 'a run about to be stored does not match the run-record schema (a meetbench bug; nothing is written)',
  },
  ALREADY_RUNNING: { exit: EXIT_CODES.broken, means: 'another run or lab holds the data directory or the machine' },
  NEEDS_ROOT: { exit: EXIT_CODES.broken, means: 'the lab needs root (network namespaces)' },
  LAB_FAILED: { exit: EXIT_CODES.broken, means: 'the lab or one of its platforms could not be started or reached' },
  BROWSER_FAILED: { exit: EXIT_CODES.broken, means: 'a participant browser could not be started or reached' },
  JOIN_FAILED: { exit: EXIT_CODES.broken, means: "a participant could not join: the step and selector of the platform's page are named" },
  INTERRUPTED: { exit: EXIT_CODES.interrupted, means: 'stopped by SIGINT or SIGTERM' },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export interface ErrorOptions {
  hint?: string;
  /** further lines printed under the message, e.g. one per validation problem */
  details?: string[];
  cause?: unknown;
}

/** Base of every expected error; its exit code comes from the catalogue, never from the place that throws. */
export class ExpectedError extends Error {
  readonly expected = true;
  readonly code: ErrorCode;
  readonly exitCode: number;
  readonly hint: string | undefined;
  readonly details: string[];

  constructor(code: ErrorCode, message: string, options: ErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = ERROR_CATALOGUE[code].exit;
    this.hint = options.hint;
    this.details = options.details ?? [];
  }
}

export function isExpectedError(error: unknown): error is ExpectedError {
  return typeof error === 'object' && error !== null && (error as { expected?: unknown }).expected === true;
}

/** what the CLI (and the benchmark scripts) print for an expected error: message, details, hint; no stack; control characters shown, not obeyed */
export function formatExpectedError(program: string, error: ExpectedError): string {
  return (
    [`${program}: ${error.message}`, ...error.details.map((line) => `  ${line}`), ...(error.hint ? [`hint: ${error.hint}`] : [])].map(printable).join('\n') +
    '\n'
  );
}
