/**
 * A command's `--output FILE`: written whole, or refused with exit 2 saying what is wrong with the path
 * (a missing folder, a directory) instead of a stack trace, and never written over a protected file such
 * as the results store itself: `report -o .meetbench/meetbench.json` would lose every stored run.
 */
import { realpathSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ExpectedError } from '../../results/errors.ts';
import { HarnessError } from '../errors.ts';

const realOrResolved = (file: string): string => {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
};

export interface ProtectedFile {
  file: string;
  /** what it is, for the message: "the results store" */
  is: string;
}

function pathProblem(file: string, code: string): HarnessError | null {
  const folder = path.dirname(path.resolve(file));
  const why: Record<string, string> = {
    ENOENT: `the folder ${folder} does not exist`,
    EISDIR: 'is a directory; expected a file name',
    ENOTDIR: `${folder} is not a folder`,
    EACCES: 'cannot be written here (permission denied)',
    EPERM: 'cannot be written here (operation not permitted)',
    EROFS: 'cannot be written here (read-only filesystem)',
  };
  return why[code] ? new HarnessError('INVALID_FLAG', `-o ${file}: ${why[code]}`, { hint: 'nothing was written' }) : null;
}

/** Before anything is rendered (a PDF takes a browser): refuses an output path that cannot work. */
export function checkOutputFile(file: string, protectedFiles: ProtectedFile[]): void {
  const target = realOrResolved(file);
  const hit = protectedFiles.find((p) => realOrResolved(p.file) === target);
  if (hit) throw new HarnessError('INVALID_FLAG', `-o ${file}: is ${hit.is}; choose another file name`, { hint: 'nothing was written' });
  if (statSync(target, { throwIfNoEntry: false })?.isDirectory()) throw pathProblem(file, 'EISDIR')!;
  const folder = statSync(path.dirname(target), { throwIfNoEntry: false });
  if (!folder) throw pathProblem(file, 'ENOENT')!;
  if (!folder.isDirectory()) throw pathProblem(file, 'ENOTDIR')!;
}

export function writeOutputFile(file: string, content: string | Uint8Array, protectedFiles: ProtectedFile[]): void {
  checkOutputFile(file, protectedFiles);
  try {
    writeFileSync(file, content);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    const problem = pathProblem(file, code);
    if (problem) throw problem;
    // a full disk or an I/O error is not the user's path: the machine is broken
    throw new ExpectedError('OUTPUT_WRITE_FAILED', `-o ${file}: could not be written (${code})`, { cause: error });
  }
}
