/**
 * `meetbench validate FILE...`: checks scenario, suite, criteria, network-catalogue and device-catalogue files. Every problem of every file is
 * printed (file:line: path: message), not just the first; exit 2 when any file is invalid.
 */
import type { Command } from 'commander';
import { isExpectedError } from '../../../results/errors.ts';
import { InputError } from '../../../results/input-error.ts';
import { EXIT_CODES } from '../../../results/errors.ts';
import { detectFileKind, validateByKind } from '../../scenario/file-kinds.ts';
import { info, out } from '../output.ts';
import type { RegisterCommand } from '../register-command.ts';

export const registerValidate: RegisterCommand = (program: Command, setExit) => {
  program
    .command('validate')
    .description('check scenario, suite, criteria, network-catalogue and device-catalogue files; every error names file, line and path')
    .argument('<files...>', 'YAML files')
    .action(async (files: string[]) => {
      let invalid = 0;
      for (const file of files) {
        try {
          const kind = detectFileKind(file);
          await validateByKind(kind, file);
          out(`${file}: valid ${kind}`);
        } catch (error) {
          if (!isExpectedError(error)) throw error;
          invalid += 1;
          if (error instanceof InputError) for (const line of error.lines()) info(line);
          else info(`${file}: ${error.message}`);
        }
      }
      if (invalid > 0) info(`${invalid} of ${files.length} file(s) invalid`);
      setExit(invalid > 0 ? EXIT_CODES.invalid : EXIT_CODES.passed);
    });
};
