/**
 * The store file's bytes, read so that nothing put at its path, by accident or by someone with write
 * access to the data directory, can hang or exhaust a reader (a FIFO, a link to /dev/zero, a folder:
 * paths/read-regular-file.ts), and refused above the longest string V8 can hold, which JSON.parse would
 * need for it anyway.
 */
import { constants as bufferConstants } from 'node:buffer';
import { ExpectedError } from '../errors.ts';
import { FileRefused, readRegularFile } from '../paths/read-regular-file.ts';

export const MAX_STORE_BYTES = bufferConstants.MAX_STRING_LENGTH;

export class StoreUnreadableError extends ExpectedError {
  constructor(file: string, why: string) {
    super('STORE_UNREADABLE', `the results store ${file} ${why}`, {
      hint: 'move it away and point --data-dir at the folder of the real store, or start a new one (nothing was changed)',
    });
  }
}

/** the file's bytes, or null when there is no file yet */
export async function readStoreFile(file: string): Promise<Buffer | null> {
  try {
    return await readRegularFile(file, MAX_STORE_BYTES);
  } catch (error) {
    if (error instanceof FileRefused) throw new StoreUnreadableError(file, error.why);
    throw error;
  }
}
