/**
 * The command registry: one module per command, each exporting a `register` function, loaded on demand.
 * `meetbench validate` should not pay for loading Puppeteer and Express: main.ts loads only the module of
 * the command typed (all of them for --help or an unknown command, so help and suggestions stay whole).
 */
import type { RegisterCommand } from '../register-command.ts';

export type { RegisterCommand };

/** command name → its module's register function; the order is the order of `meetbench --help` */
export const COMMAND_LOADERS: Record<string, () => Promise<RegisterCommand>> = {
  run: async () => (await import('./run.ts')).registerRun,
  demo: async () => (await import('./demo.ts')).registerDemo,
  nightly: async () => (await import('./nightly.ts')).registerNightly,
  validate: async () => (await import('./validate.ts')).registerValidate,
  report: async () => (await import('./report.ts')).registerReport,
  score: async () => (await import('./score.ts')).registerScore,
  criteria: async () => (await import('./criteria.ts')).registerCriteria,
  serve: async () => (await import('./serve.ts')).registerServe,
  platforms: async () => (await import('./platforms.ts')).registerPlatforms,
  lab: async () => (await import('./lab.ts')).registerLab,
  doctor: async () => (await import('./doctor.ts')).registerDoctor,
  prune: async () => (await import('./prune.ts')).registerPrune,
};

/** The command word of an argument list: the first argument that is not a global option or its value. */
export function commandWord(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--data-dir') {
      i += 1;
      continue;
    }
    if (arg.startsWith('-')) continue;
    return arg;
  }
  return undefined;
}

export async function loadCommands(args: readonly string[]): Promise<RegisterCommand[]> {
  const word = commandWord(args);
  const loaders = word && COMMAND_LOADERS[word] ? [COMMAND_LOADERS[word]] : Object.values(COMMAND_LOADERS);
  return Promise.all(loaders.map((load) => load()));
}
