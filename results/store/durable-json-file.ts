/**
 * A lowdb adapter that survives what lowdb's own JSONFile does not (docs/architecture.md "Storage"):
 * a unique temp file per write (steno's fixed `.name.tmp` lets two writers rename each other's halves),
 * fsync of the file and of its folder (a rename without fsync can leave an empty file after power loss),
 * and a loud refusal of a corrupt file, which is kept aside instead of being reset to defaults.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Adapter } from 'lowdb';
import { ExpectedError } from '../errors.ts';
import { quarantineCopy } from './quarantine.ts';
import { StoreUnreadableError, readStoreFile } from './read-store-file.ts';
import { fileType } from '../paths/file-type.ts';

export class StoreCorruptError extends ExpectedError {
  constructor(file: string, kept: string, why: string) {
    super('STORE_CORRUPT', `the results store ${file} is unreadable: ${why}`, {
      details: [kept],
      hint: 'restore a backup, or move the file away to start a new store (nothing was deleted)',
    });
  }
}

/** Not corrupt: made for a newer meetbench, which would read it. No copy is made, nothing is changed. */
export class StoreNewerError extends ExpectedError {
  constructor(file: string, version: number, readable: number) {
    super(
      'STORE_NEWER',
      `the results store ${file} was written by a newer meetbench (store schema version ${version}; this meetbench reads ${readable}): upgrade meetbench to read it`,
      {
        hint: 'upgrade meetbench on this machine (the file was left untouched and not copied)',
      },
    );
  }
}

/** What a document check found: a problem (the file is kept aside and refused), or a newer version (refused only). */
export type DocumentProblem = { corrupt: string } | { newerVersion: number; readable: number };

export class StoreWriteError extends ExpectedError {
  constructor(file: string, cause: unknown) {
    const why = (cause as NodeJS.ErrnoException).code ? `${(cause as NodeJS.ErrnoException).code}: ${(cause as Error).message}` : String(cause);
    super('STORE_WRITE_FAILED', `could not write the results store ${file} (${why})`, {
      details: ['the previous file was left intact; this change was not saved'],
      hint: 'free disk space or make the data directory writable, then run again',
      cause,
    });
  }
}

/** `.NAME.PID.HEX.tmp` (ours) and `.NAME.tmp` (lowdb's own fixed-name writer) */
function tempFileOwner(name: string, base: string): number | 'unknown' | null {
  if (name === `.${base}.tmp`) return 'unknown';
  const prefix = `.${base}.`;
  if (!name.startsWith(prefix) || !name.endsWith('.tmp')) return null;
  const pid = Number(name.slice(prefix.length).split('.')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DurableJsonFile<T> implements Adapter<T> {
  readonly file: string;
  private readonly validate: (data: unknown) => DocumentProblem | null;

  /** `validate` returns null when the parsed document has the expected shape, else what is wrong. */
  constructor(file: string, validate: (data: unknown) => DocumentProblem | null) {
    this.file = file;
    this.validate = validate;
  }

  async read(): Promise<T | null> {
    const bytes = await readStoreFile(this.file);
    if (bytes === null) return null;
    let text: string;
    try {
      // fatal: readFile(…, 'utf8') would turn bad bytes into U+FFFD and the next write would save the damage
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      throw await this.quarantine('not valid UTF-8', bytes);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw await this.quarantine(text.length === 0 ? 'the file is empty' : `not valid JSON (${(error as Error).message})`, bytes);
    }
    const problem = this.validate(data);
    if (problem && 'newerVersion' in problem) throw new StoreNewerError(this.file, problem.newerVersion, problem.readable);
    if (problem) throw await this.quarantine(problem.corrupt, bytes);
    return data as T;
  }

  /**
   * The file writes replace: the store file, or the regular file it is a link to. An atomic rename over
   * the link itself would turn it into a file, and the file it named would silently stop being updated
   * (a store kept on another disk); a link to nowhere is refused, since writing through it would create
   * a file wherever it points. Locks and temp files go beside the file written.
   */
  async writeTarget(): Promise<string> {
    const stat = await fs.lstat(this.file).catch(() => null);
    if (!stat?.isSymbolicLink()) return this.file;
    const link = await fs.readlink(this.file);
    const real = await fs.realpath(this.file).catch(() => null);
    const target = real ? await fs.stat(real).catch(() => null) : null;
    if (!real || !target) throw new StoreUnreadableError(this.file, `is a link to ${link}, which does not exist; expected a regular file`);
    if (!target.isFile()) throw new StoreUnreadableError(this.file, `is a link to ${real}, which is ${fileType(target)}; expected a regular file`);
    return real;
  }

  async write(data: T): Promise<void> {
    const file = await this.writeTarget();
    const dir = path.dirname(file);
    const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      const handle = await fs.open(tmp, 'w');
      try {
        await handle.writeFile(JSON.stringify(data, null, 1));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(tmp, file);
    } catch (error) {
      // disk full, read-only or permissions: the previous file is untouched; leave no half temp file
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw new StoreWriteError(this.file, error);
    }
    const dirHandle = await fs.open(dir, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
  }

  /** Remove temp files that crashed writers left (their pid is gone); call with the store lock held or before any writer starts. */
  async removeStaleTemps(): Promise<string[]> {
    // where writes leave them: beside the file a link names, when the store file is one
    const file = await this.writeTarget().catch(() => this.file);
    const dir = path.dirname(file);
    const base = path.basename(file);
    const removed: string[] = [];
    for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
      const owner = tempFileOwner(name, base);
      if (owner === null || (owner !== 'unknown' && (owner === process.pid || isRunning(owner)))) continue;
      await fs.rm(path.join(dir, name), { force: true }).catch(() => undefined);
      removed.push(name);
    }
    return removed;
  }

  private async quarantine(why: string, bytes: Buffer): Promise<StoreCorruptError> {
    return new StoreCorruptError(this.file, await quarantineCopy(this.file, bytes), why);
  }
}
