/**
 * Fault catalogue, an attacker with write access to the data directory (the store file, its folders):
 * hostile run ids, links where folders should be, files that are not files. Each case runs the real
 * store or the real CLI on a data directory inside a sandbox; the last test proves that nothing beside
 * the data directories changed.
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STORE_FILE } from '../../results/store/lowdb-store.ts';
import type { RunRecord } from '../../results/run-record.ts';
import { runCli } from '../helpers/run-cli.ts';
import { makeParticipant, makeRun, makeTrial } from '../helpers/run-factory.ts';
import { recordFault } from './helpers/fault-record.ts';
import { hostileSandbox, snapshotChanges } from './helpers/hostile-sandbox.ts';

const TEST = 'test/faults/data-dir-attacker.faults.test.ts';
const sandbox = hostileSandbox('mb-faults-attacker-');
const before = sandbox.snapshot();
afterAll(() => sandbox.remove());

const daysAgo = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString();
const noStack = (text: string): boolean => !/\n\s+at |internal error/.test(text);

/** a store document written as an attacker would: no store code in the way */
function writeStore(dataDir: string, runs: unknown[]): void {
  writeFileSync(path.join(dataDir, STORE_FILE), JSON.stringify({ schemaVersion: 1, runs }, null, 1));
}

/** a run with samples and artifacts on disk, old enough to be pruned */
function oldRunWithDetails(dataDir: string, id: string): RunRecord {
  mkdirSync(path.join(dataDir, 'samples', 'x'), { recursive: true });
  mkdirSync(path.join(dataDir, 'artifacts', 'x'), { recursive: true });
  return makeRun({ id, startedAt: daysAgo(400), trials: [makeTrial({ samplesFile: `samples/${id}/t1.ndjson`, participants: [makeParticipant({ artifacts: ['p1.png'] })] })] });
}

describe('hostile run ids and folders', () => {
  it('prune never deletes outside the data dir, whatever the stored run ids', async () => {
    const cases: Array<{ name: string; id: string; args: string[] }> = [
      { name: 'details of run ../../victim', id: '../../victim', args: ['--keep-days', '1'] },
      { name: 'whole run ../../victim', id: '../../victim', args: ['--keep-days', '1', '--keep-summaries-days', '2'] },
      { name: 'absolute id /…/victim', id: sandbox.guarded[1]!, args: ['--keep-days', '1', '--keep-summaries-days', '2'] },
      { name: 'id .. (the data dir’s parent)', id: '..', args: ['--keep-days', '1'] },
    ];
    const failures: string[] = [];
    for (const c of cases) {
      const dataDir = sandbox.dataDir();
      writeStore(dataDir, [oldRunWithDetails(dataDir, c.id), oldRunWithDetails(dataDir, 'fine')]);
      const snap = sandbox.snapshot();
      const result = await runCli(['prune', ...c.args], { dataDir });
      const changed = snapshotChanges(snap, sandbox.snapshot());
      if (changed.length > 0 || !noStack(result.stderr) || result.code === null || result.code > 3) {
        failures.push(`${c.name}: exit ${result.code}, ${changed.length} outside changes (${changed.slice(0, 3).join('; ')}), ${result.stderr.slice(0, 200)}`);
      }
    }
    recordFault({
      id: 'H1',
      part: 'store',
      case: 'prune with hostile run ids (../../victim, absolute, ..)',
      trials: cases.length,
      survived: cases.length - failures.length,
      lost: failures.length,
      figure: `${cases.length} prunes over stores holding hostile ids: ${cases.length - failures.length} left everything outside the data dir untouched, without a stack trace${failures.length ? `; FAILED ${failures.join(' | ')}` : ''}`,
      test: TEST,
    });
    expect(failures).toEqual([]);
  }, 120_000);

  it('prune never deletes through a data folder replaced by a link to outside', async () => {
    const [outside, victim] = sandbox.guarded as [string, string];
    // the run id is harmless; the folder its details live in is a link (…/samples -> outside, so samples/nested is outside/nested)
    const cases: Array<{ name: string; link: string; to: string; args: string[] }> = [
      { name: 'samples -> outside', link: 'samples', to: outside, args: ['--keep-days', '1'] },
      { name: 'artifacts -> victim', link: 'artifacts', to: victim, args: ['--keep-days', '1'] },
      { name: 'reports -> outside, whole run deleted', link: 'reports', to: outside, args: ['--keep-days', '1', '--keep-summaries-days', '2'] },
    ];
    const failures: string[] = [];
    const messages: string[] = [];
    for (const c of cases) {
      const dataDir = sandbox.dataDir();
      writeStore(dataDir, [makeRun({ id: 'nested', startedAt: daysAgo(400), trials: [makeTrial({ samplesFile: 'samples/nested/t1.ndjson' })] })]);
      rmSync(path.join(dataDir, c.link), { recursive: true, force: true });
      symlinkSync(c.to, path.join(dataDir, c.link));
      const snap = sandbox.snapshot();
      const result = await runCli(['prune', ...c.args], { dataDir });
      const changed = snapshotChanges(snap, sandbox.snapshot());
      messages.push(result.stderr.trim().split('\n')[0] ?? '');
      if (changed.length > 0 || !noStack(result.stderr) || result.code !== 0) failures.push(`${c.name}: exit ${result.code}, outside changes: ${changed.slice(0, 3).join('; ')}; ${result.stderr.slice(0, 200)}`);
    }
    recordFault({
      id: 'H12',
      part: 'store',
      case: 'prune through samples/, artifacts/ or reports/ replaced by a link to outside',
      trials: cases.length,
      survived: cases.length - failures.length,
      lost: failures.length,
      figure: `${cases.length} data folders replaced by links: ${cases.length - failures.length} prunes removed nothing outside and said why (${messages[0]})${failures.length ? `; FAILED ${failures.join(' | ')}` : ''}`,
      test: TEST,
    });
    expect(failures).toEqual([]);
  }, 120_000);
});

describe('outside the data directories', () => {
  it('nothing beside the data directories changed during the hostile cases', () => {
    const changed = snapshotChanges(before, sandbox.snapshot());
    recordFault({
      id: 'H0',
      part: 'store',
      case: 'a sibling folder of the data dirs, snapshotted before and after the attacker cases',
      trials: before.size,
      survived: before.size - changed.length,
      lost: changed.length,
      figure: `${before.size} entries beside the data dirs (files, folders, hashes, modes, mtimes): ${changed.length} changed${changed.length ? `: ${changed.slice(0, 5).join('; ')}` : ''}`,
      test: TEST,
    });
    expect(changed).toEqual([]);
  });
});
