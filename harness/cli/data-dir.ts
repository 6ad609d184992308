import path from 'node:path';

/** The data directory: `--data-dir`, else MEETBENCH_DATA, else ./.meetbench (never inside the sources). */
export function resolveDataDir(flag: string | undefined): string {
  return path.resolve(flag ?? process.env.MEETBENCH_DATA ?? '.meetbench');
}
