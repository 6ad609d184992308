/**
 * The harness's expected errors, with codes from the one catalogue (results/errors.ts): a message, the
 * file or field at fault and a hint, never a stack trace; `harness/cli/main.ts` ends the process with
 * the code's exit code.
 */
import { ExpectedError, type ErrorCode, type ErrorOptions } from '../results/errors.ts';

export type { ErrorCode };

export class HarnessError extends ExpectedError {
  constructor(code: ErrorCode, message: string, options: ErrorOptions = {}) {
    super(code, message, options);
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
