/** `meetbench report --format pdf`'s printer: a real PDF whose first page is the scorecard (read by pdftotext). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeScorecardPdf } from '../../harness/report-pdf.ts';
import type { ResultsStore } from '../../results/store/results-store.ts';
import { seededStore } from './viewer-harness.ts';

let store: ResultsStore;
let cleanup: () => void;
const outDir = mkdtempSync(path.join(tmpdir(), 'meetbench-pdf-'));

beforeAll(async () => {
  ({ store, cleanup } = await seededStore({ days: 5 }));
});
afterAll(() => {
  cleanup?.();
  rmSync(outDir, { recursive: true, force: true });
});

function firstPageText(file: string): string {
  // poppler-utils (Debian package) is part of the test machine's setup
  return execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', file, '-'], { encoding: 'utf8' });
}

describe('scorecard PDF', () => {
  it('prints the latest run in English with the scorecard on page 1', async () => {
    const outFile = path.join(outDir, 'latest.pdf');
    const result = await writeScorecardPdf({ store, run: 'latest', outFile });
    expect(result.runId).toBe('nightly-2026-11-28');
    expect(readFileSync(outFile).subarray(0, 5).toString()).toBe('%PDF-');
    const text = firstPageText(outFile);
    expect(text).toContain('Scorecard');
    expect(text).toContain('nightly-2026-11-28');
    for (const platform of ['janus', 'galene', 'jitsi-meet', 'bigbluebutton']) expect(text).toContain(platform);
    expect(text).toMatch(/p\(95\)\s*<\s*5000/);
    expect(text).toMatch(/\d+\s*\/100/);
  });

  it('prints in French on request, and refuses an unknown run', async () => {
    const outFile = path.join(outDir, 'fr.pdf');
    await writeScorecardPdf({ store, run: 'nightly-2026-11-27', outFile, lang: 'fr' });
    expect(firstPageText(outFile)).toContain('Tableau de bord');
    await expect(writeScorecardPdf({ store, run: 'no-such-run', outFile })).rejects.toThrow(/no run "no-such-run"/);
  });
});
