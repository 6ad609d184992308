/** `meetbench prune`: samples and artifacts go first, summaries later, running runs never; dry run removes nothing. */
import { existsSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../results/store/open-store.ts';
import { runCli } from '../helpers/run-cli.ts';
import { makeParticipant, makeRun, makeTrial } from '../helpers/run-factory.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const daysAgo = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString();

async function seed(dataDir: string): Promise<void> {
  const store = await openStore(dataDir);
  for (const [id, age, status] of [
    ['ancient', 500, 'complete'],
    ['old', 40, 'complete'],
    ['recent', 2, 'complete'],
    ['stuck', 60, 'running'],
  ] as const) {
    const samplesFile = await store.appendSamples(id, 't1', [{ t: 1, participant: 'p1', uplinkKbps: 500, downlinkKbps: 900 }]);
    writeFileSync(path.join(await store.artifactDir(id, 't1'), 'p1-failure.png'), Buffer.alloc(2048));
    mkdirSync(path.join(dataDir, 'reports', id), { recursive: true });
    writeFileSync(path.join(dataDir, 'reports', id, 'report.md'), '# night\n');
    await store.saveRun(
      makeRun({
        id,
        status,
        startedAt: daysAgo(age),
        trials: [makeTrial({ samplesFile, participants: [makeParticipant({ artifacts: ['p1-failure.png'] })] })],
      }),
    );
  }
}

describe('meetbench prune', () => {
  it('removes samples and artifacts after --keep-days, whole runs after --keep-summaries-days', async () => {
    const dataDir = tempDir('mb-prune-');
    await seed(dataDir);

    const dry = await runCli(['prune', '--keep-days', '30', '--keep-summaries-days', '365', '--dry-run'], { dataDir });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^would remove samples and artifacts of 1 run\(s\), 1 run\(s\) entirely/);
    expect(existsSync(path.join(dataDir, 'samples', 'old'))).toBe(true);

    const result = await runCli(['prune', '--keep-days', '30', '--keep-summaries-days', '365'], { dataDir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^removed samples and artifacts of 1 run\(s\), 1 run\(s\) entirely/);
    const store = await openStore(dataDir);
    expect((await store.allRuns()).map((r) => r.id).sort()).toEqual(['old', 'recent', 'stuck']);
    const old = await store.getRun('old');
    expect(old?.trials[0]?.samplesFile).toBeNull();
    expect(old?.trials[0]?.participants[0]?.artifacts).toEqual([]);
    expect(old?.trials[0]?.participants[0]?.joinTimeMs).toBe(1200); // the summary stays
    expect(existsSync(path.join(dataDir, 'samples', 'old'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'artifacts', 'old'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'reports', 'old', 'report.md'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'reports', 'ancient'))).toBe(false);
    for (const kept of ['recent', 'stuck']) expect(existsSync(path.join(dataDir, 'samples', kept, 't1.ndjson'))).toBe(true);
  });

  it('refuses summaries kept shorter than details, and a bad number', async () => {
    const dataDir = tempDir('mb-prune-');
    const shorter = await runCli(['prune', '--keep-days', '30', '--keep-summaries-days', '7'], { dataDir });
    expect(shorter.code).toBe(2);
    expect(shorter.stderr).toContain('--keep-summaries-days 7 is shorter than --keep-days 30');
    const bad = await runCli(['prune', '--keep-days', 'ten'], { dataDir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--keep-days "ten": expected a number of days');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
