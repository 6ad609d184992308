/**
 * Base of every error a user can cause or meet in normal operation (bad input, corrupt store, lock held).
 * The CLI prints its message, details and hint, never its stack, and exits with `exitCode`.
 * It lives in results/ so that the store and the criteria loader (which may not import harness/) can use it.
 */
export class ExpectedError extends Error {
  readonly expected = true;
  readonly code: string;
  readonly exitCode: number;
  readonly hint: string | undefined;
  /** further lines printed under the message, e.g. one per validation problem */
  readonly details: string[];

  constructor(code: string, exitCode: number, message: string, options: { hint?: string; details?: string[]; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
    this.hint = options.hint;
    this.details = options.details ?? [];
  }
}

export function isExpectedError(error: unknown): error is ExpectedError {
  return typeof error === 'object' && error !== null && (error as { expected?: unknown }).expected === true;
}

/** what the CLI (and the benchmark scripts) print for an expected error: message, details, hint; no stack */
export function formatExpectedError(program: string, error: ExpectedError): string {
  return [`${program}: ${error.message}`, ...error.details.map((line) => `  ${line}`), ...(error.hint ? [`hint: ${error.hint}`] : [])].join('\n') + '\n';
}
