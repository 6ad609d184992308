/**
 * One catalogue of expected errors. An expected error reaches the user as a message, the file or field
 * at fault and a hint, never as a stack trace; `harness/cli/main.ts` maps `exitCode` to the process exit.
 */
import { EXIT_CODES } from '../results/run-record.ts';
import { ExpectedError } from '../results/expected-error.ts';

export type ErrorCode =
  | 'INVALID_INPUT'
  | 'INVALID_FLAG'
  | 'NOT_FOUND'
  | 'STORE_CORRUPT'
  | 'STORE_LOCKED'
  | 'ALREADY_RUNNING'
  | 'NEEDS_ROOT'
  | 'LAB_FAILED'
  | 'BROWSER_FAILED'
  | 'JOIN_FAILED'
  | 'UNSUPPORTED'
  | 'INTERRUPTED';

const EXIT_BY_CODE: Record<ErrorCode, number> = {
  INVALID_INPUT: EXIT_CODES.invalid,
  INVALID_FLAG: EXIT_CODES.invalid,
  NOT_FOUND: EXIT_CODES.invalid,
  STORE_CORRUPT: EXIT_CODES.broken,
  STORE_LOCKED: EXIT_CODES.broken,
  ALREADY_RUNNING: EXIT_CODES.broken,
  NEEDS_ROOT: EXIT_CODES.broken,
  LAB_FAILED: EXIT_CODES.broken,
  BROWSER_FAILED: EXIT_CODES.broken,
  JOIN_FAILED: EXIT_CODES.broken,
  UNSUPPORTED: EXIT_CODES.invalid,
  INTERRUPTED: EXIT_CODES.interrupted,
};

export class HarnessError extends ExpectedError {
  declare readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options: { hint?: string; details?: string[]; cause?: unknown } = {}) {
    super(code, EXIT_BY_CODE[code], message, options);
  }
}

/** A step of a platform's join flow failed; `step` and `selector` say exactly where. */
export class JoinStepError extends HarnessError {
  readonly step: string;
  readonly selector: string | undefined;

  constructor(step: string, message: string, selector?: string) {
    super('JOIN_FAILED', `${step}: ${message}${selector ? ` (selector ${selector})` : ''}`);
    this.step = step;
    this.selector = selector;
  }
}

export class UnsupportedOperationError extends HarnessError {
  constructor(adapter: string, operation: string) {
    super('UNSUPPORTED', `the ${adapter} adapter does not support "${operation}"`);
  }
}
