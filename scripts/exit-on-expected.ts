/**
 * Benchmark scripts meet the same expected errors as the CLI (a lab already running, no Chromium): they
 * print them as the CLI does, message and hint without a stack trace, and exit with the error's code.
 */
import { formatExpectedError, isExpectedError } from '../results/errors.ts';

/** `cleanup` runs before the exit (e.g. remove the script's temporary folder) */
export async function exitOnExpected<T>(script: string, work: Promise<T>, cleanup?: () => void): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!isExpectedError(error)) throw error;
    process.stderr.write(formatExpectedError(script, error));
    cleanup?.();
    process.exit(error.exitCode);
  }
}
