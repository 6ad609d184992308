/** Plain output helpers: stdout for results, stderr for progress and errors, so `--json` stays parseable. */
export const out = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};
export const info = (line = ''): void => {
  process.stderr.write(`${line}\n`);
};
