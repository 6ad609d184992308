/**
 * The contract every ResultsStore implementation passes (after Lighthouse CI's server-test-suite):
 * the suite is written once and run against each store by a small per-store file.
 */
import { describe, expect, it } from 'vitest';
import type { ResultsStore } from '../../results/store/results-store.ts';
import { makeRun } from '../helpers/run-factory.ts';

export function resultsStoreContract(name: string, open: () => Promise<ResultsStore>): void {
  describe(`${name} honours the results-store contract`, () => {
    it('returns undefined for latest on an empty store', async () => {
      const store = await open();
      expect(await store.getRun('latest')).toBeUndefined();
      expect(await store.listRuns()).toEqual([]);
    });

    it('saves runs and returns them by id, as latest and newest first', async () => {
      const store = await open();
      await store.saveRun(makeRun({ id: 'a', startedAt: '2026-01-01T00:00:00.000Z' }));
      await store.saveRun(makeRun({ id: 'b', startedAt: '2026-02-01T00:00:00.000Z' }));
      expect((await store.getRun('a'))?.id).toBe('a');
      expect((await store.getRun('latest'))?.id).toBe('b');
      expect((await store.listRuns()).map((r) => r.id)).toEqual(['b', 'a']);
      expect((await store.allRuns()).map((r) => r.id)).toEqual(['a', 'b']);
    });

    it('replaces a run saved twice under one id', async () => {
      const store = await open();
      await store.saveRun(makeRun({ id: 'x', status: 'running', verdict: 'broken' }));
      await store.saveRun(makeRun({ id: 'x', status: 'complete', verdict: 'passed' }));
      const runs = await store.allRuns();
      expect(runs).toHaveLength(1);
      expect(runs[0]?.status).toBe('complete');
    });

    it('keeps fields it does not know (records from a newer meetbench survive)', async () => {
      const store = await open();
      const run = { ...makeRun({ id: 'future' }), fromTheFuture: { x: 1 } };
      await store.saveRun(run);
      expect((await store.getRun('future')) as unknown).toMatchObject({ fromTheFuture: { x: 1 } });
    });

    it('refuses a run that does not match the schema, and ids that could leave the data dir', async () => {
      const store = await open();
      await expect(store.saveRun({ ...makeRun(), verdict: 'great' } as never)).rejects.toThrow(/run-record schema/);
      await expect(store.saveRun(makeRun({ id: '../escape' }))).rejects.toThrow(/invalid run id/);
      await expect(store.readSamples('run-1', '../../etc/passwd')).rejects.toThrow(/invalid trial id/);
    });

    it('appends and reads per-second samples of a trial', async () => {
      const store = await open();
      await store.appendSamples('r', 't', [{ t: 1, participant: 'p1', uplinkKbps: 10, downlinkKbps: 20 }]);
      await store.appendSamples('r', 't', [{ t: 2, participant: 'p1', uplinkKbps: 11, downlinkKbps: 21 }]);
      const samples = await store.readSamples('r', 't');
      expect(samples.map((s) => s.t)).toEqual([1, 2]);
      expect(await store.readSamples('r', 'none')).toEqual([]);
    });

    it('deletes a run with its samples', async () => {
      const store = await open();
      await store.saveRun(makeRun({ id: 'gone' }));
      await store.appendSamples('gone', 't1', [{ t: 1, participant: 'p', uplinkKbps: 1, downlinkKbps: 1 }]);
      expect(await store.deleteRun('gone')).toBe(true);
      expect(await store.getRun('gone')).toBeUndefined();
      expect(await store.readSamples('gone', 't1')).toEqual([]);
      expect(await store.deleteRun('gone')).toBe(false);
    });
  });
}
