/**
 * A temporary folder for hostile cases: data directories are made inside it, beside a folder that must
 * never change (`outside`, and `victim`, where a run id such as `../../victim` leads from a data dir's
 * `samples/`). `snapshot` records every entry below a folder (type, size, mode, mtime and a content hash),
 * so the last test of a file can prove that no case touched anything outside its data directory.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordFault, type FaultRow } from './fault-record.ts';

export interface Sandbox {
  root: string;
  /** folders beside the data directories that no case may change */
  guarded: string[];
  /** a fresh data directory inside the sandbox */
  dataDir(name?: string): string;
  /** what is in the guarded folders now */
  snapshot(): Map<string, string>;
  remove(): void;
}

function describeTree(dir: string, into: Map<string, string>, label: string): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (error) {
    into.set(label, `unreadable: ${(error as NodeJS.ErrnoException).code}`);
    return;
  }
  into.set(label, `dir ${entries.length} entries`);
  for (const name of entries.sort()) {
    const full = path.join(dir, name);
    const key = `${label}/${name}`;
    const stat = lstatSync(full);
    if (stat.isDirectory()) describeTree(full, into, key);
    else if (stat.isSymbolicLink()) into.set(key, `link -> ${readlinkSync(full)}`);
    else {
      const hash = stat.isFile() ? createHash('sha256').update(readFileSync(full)).digest('hex').slice(0, 16) : 'special';
      into.set(key, `file ${stat.size} B mode ${stat.mode.toString(8)} mtime ${stat.mtimeMs} ${hash}`);
    }
  }
}

export function hostileSandbox(prefix: string): Sandbox {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  const guarded = ['outside', 'victim'].map((name) => path.join(root, name));
  for (const dir of guarded) {
    mkdirSync(path.join(dir, 'nested'), { recursive: true });
    writeFileSync(path.join(dir, 'precious.txt'), `${path.basename(dir)}: must survive every hostile case\n`);
    writeFileSync(path.join(dir, 'nested', 'deeper.json'), '{"keep":true}\n');
  }
  let count = 0;
  return {
    root,
    guarded,
    dataDir(name = `data-${(count += 1)}`): string {
      const dir = path.join(root, name);
      mkdirSync(dir, { recursive: true });
      return dir;
    },
    snapshot(): Map<string, string> {
      const all = new Map<string, string>();
      for (const dir of guarded) describeTree(dir, all, path.basename(dir));
      return all;
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** entries that appeared, vanished or changed between two snapshots */
export function snapshotChanges(before: Map<string, string>, after: Map<string, string>): string[] {
  const changes: string[] = [];
  for (const [key, value] of before) {
    if (!after.has(key)) changes.push(`removed ${key}`);
    else if (after.get(key) !== value) changes.push(`changed ${key}: ${value} -> ${after.get(key)}`);
  }
  for (const key of after.keys()) if (!before.has(key)) changes.push(`added ${key}`);
  return changes;
}

/**
 * Registers the last test of a hostile-case file: nothing beside its data directories changed since
 * `before` (taken when the file was loaded, before any case ran). Call it after the file's other tests.
 */
export function nothingOutsideChanged(sandbox: Sandbox, before: Map<string, string>, row: { part: FaultRow['part']; test: string; cases: string }): void {
  describe('outside the data directories', () => {
    it('nothing beside the data directories changed during the hostile cases', () => {
      const changed = snapshotChanges(before, sandbox.snapshot());
      recordFault({
        id: 'H0',
        part: row.part,
        case: `a sibling folder of the data dirs, snapshotted before and after the ${row.cases}`,
        trials: before.size,
        survived: before.size - changed.length,
        lost: changed.length,
        figure: `${before.size} entries beside the data dirs (files, folders, hashes, modes, mtimes): ${changed.length} changed${changed.length ? `: ${changed.slice(0, 5).join('; ')}` : ''}`,
        test: row.test,
      });
      expect(changed).toEqual([]);
    });
  });
}
