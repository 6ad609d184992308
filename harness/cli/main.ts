/**
 * The CLI entry: registers the commands, runs one, and maps errors to exit codes (docs/architecture.md):
 * 0 passed, 1 criteria failed, 2 invalid input, 3 broken, 4 inconclusive, 130 interrupted.
 * Commands return an exit code instead of calling process.exit, so they can be tested in-process.
 */
import { Command, CommanderError } from 'commander';
import { formatExpectedError, isExpectedError } from '../../results/errors.ts';
import { EXIT_CODES } from '../../results/errors.ts';
import { loadCommands, type RegisterCommand } from './commands/index.ts';

export function buildProgram(commands: RegisterCommand[], setExit: (code: number) => void): Command {
  const program = new Command('meetbench')
    .description('Synthetic participants join real meetings; meetbench measures and judges them.')
    .option('--data-dir <dir>', 'results directory (default ./.meetbench, or MEETBENCH_DATA)')
    .showHelpAfterError()
    .exitOverride();
  for (const register of commands) register(program, setExit);
  return program;
}

async function main(): Promise<number> {
  let exitCode = 0;
  try {
    const program = buildProgram(await loadCommands(process.argv.slice(2)), (code) => {
      exitCode = code;
    });
    await program.parseAsync(process.argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version exit 0; unknown options and missing arguments are invalid input
      return error.exitCode === 0 ? 0 : EXIT_CODES.invalid;
    }
    if (isExpectedError(error)) {
      process.stderr.write(formatExpectedError('meetbench', error));
      return error.exitCode;
    }
    // A bug in meetbench itself: this one deserves its stack trace.
    process.stderr.write(`meetbench: internal error\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_CODES.broken;
  }
}

process.exitCode = await main();
