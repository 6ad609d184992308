/**
 * Plain output helpers: stdout for results, stderr for progress and errors, so `--json` stays parseable.
 * Both show control characters instead of sending them to the terminal (results/printable.ts): what is
 * printed often holds stored names.
 */
import { printable } from '../../results/printable.ts';

export const out = (line = ''): void => {
  process.stdout.write(`${printable(line)}\n`);
};
export const info = (line = ''): void => {
  process.stderr.write(`${printable(line)}\n`);
};
