/**
 * A lowdb adapter that survives what lowdb's own JSONFile does not (see criteria-and-faults.md 2.1):
 * a unique temp file per write (steno's fixed `.name.tmp` lets two writers rename each other's halves),
 * fsync of the file and of its folder (a rename without fsync can leave an empty file after power loss),
 * and a loud refusal of a corrupt file, which is kept aside instead of being reset to defaults.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Adapter } from 'lowdb';
import { ExpectedError } from '../expected-error.ts';

export class StoreCorruptError extends ExpectedError {
  constructor(file: string, quarantined: string, why: string) {
    super('STORE_CORRUPT', 3, `the results store ${file} is unreadable: ${why}`, {
      details: [`a copy was kept as ${quarantined}; the original was left untouched`],
      hint: 'restore a backup, or move the file away to start a new store (nothing was deleted)',
    });
  }
}

export class DurableJsonFile<T> implements Adapter<T> {
  readonly file: string;
  private readonly validate: (data: unknown) => string | null;

  /** `validate` returns null when the parsed document has the expected shape, else what is wrong. */
  constructor(file: string, validate: (data: unknown) => string | null) {
    this.file = file;
    this.validate = validate;
  }

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw await this.quarantine(text.length === 0 ? 'the file is empty' : `not valid JSON (${(error as Error).message})`);
    }
    const problem = this.validate(data);
    if (problem) throw await this.quarantine(problem);
    return data as T;
  }

  async write(data: T): Promise<void> {
    const dir = path.dirname(this.file);
    const tmp = path.join(dir, `.${path.basename(this.file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    const handle = await fs.open(tmp, 'w');
    try {
      await handle.writeFile(JSON.stringify(data, null, 1));
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.rename(tmp, this.file);
    } catch (error) {
      await fs.rm(tmp, { force: true });
      throw error;
    }
    const dirHandle = await fs.open(dir, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
  }

  private async quarantine(why: string): Promise<StoreCorruptError> {
    const copy = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await fs.copyFile(this.file, copy);
    return new StoreCorruptError(this.file, copy, why);
  }
}
