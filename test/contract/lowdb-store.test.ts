import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../results/store/open-store.ts';
import { STORE_FILE } from '../../results/store/lowdb-store.ts';
import { resultsStoreContract } from './results-store.contract.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const freshDir = (): string => tempDir('mb-store-');

resultsStoreContract('the lowdb store', () => openStore(freshDir()));

describe('the lowdb store on disk', () => {
  it('refuses a corrupt file loudly, keeps a copy and leaves the original untouched', async () => {
    const dir = freshDir();
    const file = path.join(dir, STORE_FILE);
    writeFileSync(file, '{"schemaVersion":1,"runs":[{"id":"a"');
    await expect(openStore(dir)).rejects.toThrow(/unreadable: not valid JSON/);
    expect(readFileSync(file, 'utf8')).toBe('{"schemaVersion":1,"runs":[{"id":"a"');
    expect(readdirSync(dir).some((f) => f.startsWith(`${STORE_FILE}.corrupt-`))).toBe(true);
  });

  it('refuses an empty file, and a file of a newer schema version as such, instead of resetting it', async () => {
    const dir = freshDir();
    writeFileSync(path.join(dir, STORE_FILE), '');
    await expect(openStore(dir)).rejects.toThrow(/the file is empty/);
    const dir2 = freshDir();
    writeFileSync(path.join(dir2, STORE_FILE), '{"schemaVersion":99,"runs":[]}');
    await expect(openStore(dir2)).rejects.toThrow(/written by a newer meetbench \(store schema version 99; this meetbench reads 1\): upgrade/);
    expect(readdirSync(dir2).filter((f) => f.includes('.corrupt-'))).toEqual([]);
  });

  it('loses no run when two processes write the same store at once', async () => {
    const dir = freshDir();
    const writer = path.resolve('test/helpers/store-writer.ts');
    const runWriter = (prefix: string) =>
      new Promise<number>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', writer, dir, prefix, '15'], { stdio: 'inherit' });
        child.on('exit', (code) => resolve(code ?? -1));
      });
    const codes = await Promise.all([runWriter('a'), runWriter('b')]);
    expect(codes).toEqual([0, 0]);
    const store = await openStore(dir);
    const ids = (await store.allRuns()).map((r) => r.id).sort();
    expect(ids).toHaveLength(30);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
