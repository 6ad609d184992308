/**
 * Reads a user's input file (scenario, suite, criteria, network catalogue, password file) so that no path
 * can exhaust memory or hang a command: opened without blocking (a FIFO without a writer blocks open()
 * forever, and a process blocked there ignores SIGTERM), regular files only (/dev/zero never ends), the
 * size checked before reading and never more than the cap read (the file may grow meanwhile), and decoded
 * as strict UTF-8, so a UTF-16 or binary file is refused where it goes wrong instead of parsed as garbage.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from './input-error.ts';
import { fileType } from './paths/file-type.ts';

function refuse(file: string, message: string, line: number | null = null): never {
  throw new InputError(file, [{ path: '', line, message }]);
}

/** The file's text; InputError (exit 2) naming the file and what was expected otherwise. */
export function readInputFile(file: string, maxBytes: number): string {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') refuse(file, 'file not found');
    if (code === 'ELOOP') refuse(file, 'too many levels of symbolic links; expected a regular file');
    refuse(file, `cannot read (${code ?? String(error)})`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) refuse(file, `is ${fileType(stat)}; expected a regular file`);
    if (stat.size > maxBytes) refuse(file, `file is ${stat.size} bytes; expected at most ${maxBytes}`);
    // one byte more than the cap tells a file that grew past it since the stat
    const buffer = Buffer.alloc(Math.min(maxBytes, stat.size) + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length === buffer.length) {
        if (length > maxBytes) refuse(file, `file grew past ${maxBytes} bytes while being read; expected at most ${maxBytes}`);
        break;
      }
    }
    return decodeUtf8(file, buffer.subarray(0, length));
  } finally {
    closeSync(fd);
  }
}

function decodeUtf8(file: string, bytes: Buffer): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) refuse(file, 'is UTF-16 text, not UTF-8; save it as UTF-8', 1);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // the longest valid prefix (a cut multi-byte character at its end is not an error with stream): the bad byte follows it
    const validUpTo = (length: number): boolean => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, length), { stream: true });
        return true;
      } catch {
        return false;
      }
    };
    let good = 0;
    let bad = bytes.length;
    while (bad - good > 1) {
      const middle = Math.floor((good + bad) / 2);
      if (validUpTo(middle)) good = middle;
      else bad = middle;
    }
    // a lead byte whose character the stream decoder was still waiting for is where it went wrong
    let start = good;
    while (start > 0 && good - start < 3 && (bytes[start - 1]! & 0xc0) === 0x80) start -= 1;
    const lead = bytes[start - 1] ?? 0;
    const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    if (start > 0 && length > good - (start - 1)) good = start - 1;
    const line = bytes.subarray(0, good).toString('utf8').split('\n').length;
    refuse(file, `is not UTF-8 text (bad byte at offset ${good}); save it as UTF-8`, line);
  }
}
