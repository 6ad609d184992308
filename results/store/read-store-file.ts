/**
 * The store file's bytes, read so that nothing put at its path, by accident or by someone with write
 * access to the data directory, can hang or exhaust a reader: opened without blocking (a FIFO blocks
 * open() for ever), regular files only (a link to /dev/zero never ends, a folder cannot be read), and
 * refused above the longest string V8 can hold, which JSON.parse would need for it anyway.
 */
import { constants as bufferConstants } from 'node:buffer';
import { constants, promises as fs } from 'node:fs';
import { ExpectedError } from '../errors.ts';
import { fileType } from '../paths/file-type.ts';

export const MAX_STORE_BYTES = bufferConstants.MAX_STRING_LENGTH;

export class StoreUnreadableError extends ExpectedError {
  constructor(file: string, why: string, hint: string) {
    super('STORE_UNREADABLE', `the results store ${file} ${why}`, { hint });
  }
}

/** the file's bytes, or null when there is no file yet */
export async function readStoreFile(file: string): Promise<Buffer | null> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw new StoreUnreadableError(file, `cannot be opened (${code ?? String(error)})`, 'check the file and its permissions (nothing was changed)');
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new StoreUnreadableError(file, `is ${fileType(stat)}; expected a regular file`, 'move it away and point --data-dir at the folder of the real store (nothing was changed)');
    if (stat.size > MAX_STORE_BYTES) {
      throw new StoreUnreadableError(file, `is ${stat.size} bytes; meetbench reads stores of at most ${MAX_STORE_BYTES} bytes`, 'move it aside and start a new store in another data directory (nothing was changed)');
    }
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
