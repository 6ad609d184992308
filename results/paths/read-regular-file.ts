/**
 * Reads a file that must be a regular file of bounded size, without blocking on what is not one: opened
 * with O_NONBLOCK (a FIFO without a writer would block open() for ever and hold a thread of the pool),
 * refused when fstat says it is anything else (a link to /dev/zero never ends), and refused above
 * `maxBytes` before anything is read. Readers turn the refusal into their own expected error.
 */
import { constants, promises as fs } from 'node:fs';
import { fileType } from './file-type.ts';

export class FileRefused extends Error {
  constructor(
    readonly file: string,
    /** e.g. "is a FIFO (named pipe); expected a regular file" */
    readonly why: string,
  ) {
    super(`${file} ${why}`);
    this.name = 'FileRefused';
  }
}

/** the file's bytes, or null when there is no such file */
export async function readRegularFile(file: string, maxBytes: number): Promise<Buffer | null> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw new FileRefused(file, `cannot be opened (${code ?? String(error)})`);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new FileRefused(file, `is ${fileType(stat)}; expected a regular file`);
    if (stat.size > maxBytes) throw new FileRefused(file, `is ${stat.size} bytes; expected at most ${maxBytes}`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
