/**
 * Fault catalogue, an unreadable results store read over and over: by every CLI command of a night, by a
 * viewer that Prometheus polls every 15 s. A corrupt file is kept aside once per distinct content, never
 * once per read (each copy is the size of the store: a year of results is tens of megabytes), and a store
 * written by a newer meetbench is refused as such, without a copy.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isExpectedError } from '../../results/errors.ts';
import { LowdbStore, STORE_FILE } from '../../results/store/lowdb-store.ts';
import { openStore } from '../../results/store/open-store.ts';
import { makeRun } from '../helpers/run-factory.ts';
import { recordFault } from './helpers/fault-record.ts';
import { startViewer } from './helpers/start-viewer.ts';
import { hostileSandbox, nothingOutsideChanged } from './helpers/hostile-sandbox.ts';

const TEST = 'test/faults/unreadable-store.faults.test.ts';
const sandbox = hostileSandbox('mb-faults-unreadable-');
const before = sandbox.snapshot();
afterAll(() => sandbox.remove());

const copies = (dataDir: string): string[] => readdirSync(dataDir).filter((f) => f.startsWith(`${STORE_FILE}.corrupt-`));

describe('an unreadable store read again and again', () => {
  it('a corrupt store read 1000 times leaves one quarantine copy per distinct content', async () => {
    const dataDir = sandbox.dataDir();
    const file = path.join(dataDir, STORE_FILE);
    const reads = 1000;
    let refused = 0;
    let message = '';
    const started = performance.now();
    writeFileSync(file, '{"schemaVersion":1,"runs":[{"id":"a","kind":"ru');
    for (let i = 0; i < reads; i += 1) {
      // every read through a new store object, as every CLI command and every viewer reload does
      if (i === reads / 2) writeFileSync(file, Buffer.alloc(4096, 0)); // the file changes once: a second content
      try {
        await new LowdbStore(dataDir).listRuns();
      } catch (error) {
        if (isExpectedError(error) && error.code === 'STORE_CORRUPT') refused += 1;
        message = (error as Error).message;
      }
    }
    const ms = performance.now() - started;
    const kept = copies(dataDir);
    recordFault({
      id: 'H2',
      part: 'store',
      case: 'corrupt store read 1000 times (truncated, then NUL-filled)',
      trials: reads,
      survived: kept.length <= 2 ? refused : 0,
      lost: reads - refused + Math.max(0, kept.length - 2),
      figure: `${reads} reads of 2 successive corrupt contents: ${refused} refused with STORE_CORRUPT, ${kept.length} quarantine copies (at most one per distinct content), ${(ms / reads).toFixed(2)} ms a read; "${message}"`,
      test: TEST,
    });
    expect(refused).toBe(reads);
    expect(kept).toHaveLength(2);
  });

  it('a store written by a newer meetbench is refused as such, and never copied', async () => {
    const dataDir = sandbox.dataDir();
    writeFileSync(path.join(dataDir, STORE_FILE), JSON.stringify({ schemaVersion: 2, runs: [{ id: 'from-the-future', shape: 'unknown' }] }));
    let message = '';
    let newer = 0;
    const reads = 100;
    for (let i = 0; i < reads; i += 1) {
      try {
        await new LowdbStore(dataDir).listRuns();
      } catch (error) {
        message = (error as Error).message;
        if (isExpectedError(error) && /written by a newer meetbench/.test(error.message) && /upgrade/.test(`${error.message} ${error.hint}`)) newer += 1;
      }
    }
    const kept = copies(dataDir);
    recordFault({
      id: 'H2b',
      part: 'store',
      case: 'store written by a newer meetbench (schemaVersion 2)',
      trials: reads,
      survived: kept.length === 0 ? newer : 0,
      lost: reads - newer + kept.length,
      figure: `${reads} reads: ${newer} refused as "written by a newer meetbench: upgrade", ${kept.length} copies made; "${message}"`,
      test: TEST,
    });
    expect(newer).toBe(reads);
    expect(kept).toEqual([]);
  });

  it('a corrupt store whose content keeps changing gets a bounded number of copies', async () => {
    const dataDir = sandbox.dataDir();
    const file = path.join(dataDir, STORE_FILE);
    const contents = 50;
    let refused = 0;
    for (let i = 0; i < contents; i += 1) {
      writeFileSync(file, `{"schemaVersion":1,"runs":[${'x'.repeat(i + 1)}`);
      try {
        await new LowdbStore(dataDir).listRuns();
      } catch (error) {
        if (isExpectedError(error) && error.code === 'STORE_CORRUPT') refused += 1;
      }
    }
    const kept = copies(dataDir);
    recordFault({
      id: 'H2c',
      part: 'store',
      case: 'corrupt store rewritten with 50 different contents',
      trials: contents,
      survived: kept.length <= 3 ? refused : 0,
      lost: contents - refused + Math.max(0, kept.length - 3),
      figure: `${contents} distinct corrupt contents: ${refused} refused, ${kept.length} quarantine copies kept (the first ones; later reads say so instead of copying)`,
      test: TEST,
    });
    expect(refused).toBe(contents);
    expect(kept.length).toBeLessThanOrEqual(3);
  });
});

describe('the viewer over a store that becomes unreadable', () => {
  it('polled 1000 times: at most one quarantine copy, each answer a clear 503 page or JSON, serving again once repaired', async () => {
    const dataDir = sandbox.dataDir();
    const store = await openStore(dataDir);
    await store.saveRun(makeRun({ id: 'before-the-damage' }));
    const good = readFileSync(path.join(dataDir, STORE_FILE));
    const viewer = await startViewer(dataDir);
    try {
      // a writer killed mid-write on another filesystem, or a disk that filled: the file is cut
      writeFileSync(path.join(dataDir, STORE_FILE), good.subarray(0, Math.floor(good.length / 2)));
      const paths = ['/', '/metrics', '/api/overview', '/runs', '/api/runs', '/runs/before-the-damage'];
      const polls = 1000;
      const wrong: string[] = [];
      let clear = 0;
      const started = performance.now();
      for (let i = 0; i < polls; i += 1) {
        const target = paths[i % paths.length]!;
        const res = await fetch(`${viewer.base}${target}`);
        const body = await res.text();
        const json = target.startsWith('/api/') || target === '/metrics';
        const ok =
          res.status === 503 &&
          /results store .*unreadable/.test(body) &&
          !/\n\s+at |internal error/.test(body) &&
          (json ? res.headers.get('content-type')?.includes('json') : body.includes('<h1>'));
        if (ok) clear += 1;
        else if (wrong.length < 3) wrong.push(`${target}: ${res.status} ${body.slice(0, 120)}`);
      }
      const ms = performance.now() - started;
      const kept = copies(dataDir);
      writeFileSync(path.join(dataDir, STORE_FILE), good);
      const repaired = await fetch(`${viewer.base}/api/runs`);
      const logLines = viewer
        .stderr()
        .split('\n')
        .filter((l) => l.includes('unreadable')).length;
      recordFault({
        id: 'H2d',
        part: 'viewer',
        case: 'viewer polled 1000 times over a store that became unreadable',
        trials: polls,
        survived: kept.length <= 1 ? clear : 0,
        lost: polls - clear + Math.max(0, kept.length - 1),
        figure: `${polls} requests over 6 pages, JSON and /metrics: ${clear} answered 503 with "results store … unreadable" and no stack, ${kept.length} quarantine copy, ${logLines} log line(s), ${(ms / polls).toFixed(1)} ms a request; after repair ${repaired.status}${wrong.length ? `; WRONG ${wrong.join(' | ')}` : ''}`,
        test: TEST,
      });
      expect(wrong).toEqual([]);
      expect(kept.length).toBeLessThanOrEqual(1);
      expect(repaired.status).toBe(200);
      expect(logLines).toBeLessThanOrEqual(2);
    } finally {
      viewer.stop();
    }
  }, 300_000);
});

nothingOutsideChanged(sandbox, before, { part: 'store', test: TEST, cases: 'unreadable-store cases' });
