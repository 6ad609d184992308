/**
 * `meetbench report RUN|latest --format pdf`: the printable scorecard page of the viewer, printed to PDF by
 * Chromium. The viewer runs in-process on 127.0.0.1 with a free port only while printing, so the PDF is
 * exactly what a reader sees on /print (same templates, same print CSS), in French or English.
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ResultsStore } from '../results/store/results-store.ts';
import { createApp } from '../server/create-app.ts';
import type { ViewerCriteria } from '../server/context.ts';
import { startServer } from '../server/start-server.ts';
import { HarnessError } from './errors.ts';
import { closeParticipantBrowser, launchParticipantBrowser } from './participants/browser-process.ts';

export interface PdfOptions {
  store: ResultsStore;
  /** a run id or 'latest' */
  run: string;
  lang?: 'en' | 'fr';
  /** judge with this criteria file (declared criteria included), as `serve --criteria` does */
  criteria?: ViewerCriteria;
}

/** the PDF bytes (the hook of `meetbench report --format pdf`, which writes them to --output) */
export async function renderScorecardPdf(options: PdfOptions): Promise<Uint8Array> {
  const dir = await fs.mkdtemp(path.join(tmpdir(), 'meetbench-pdf-'));
  try {
    const outFile = path.join(dir, 'scorecard.pdf');
    await writeScorecardPdf({ ...options, outFile });
    return new Uint8Array(await fs.readFile(outFile));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

export async function writeScorecardPdf(options: PdfOptions & { outFile: string }): Promise<{ runId: string; outFile: string; bytes: number }> {
  const run = await options.store.getRun(options.run);
  if (!run)
    throw new HarnessError('NOT_FOUND', `no run ${JSON.stringify(options.run)} in ${options.store.dataDir}`, {
      hint: 'list the runs with the viewer, or use `latest`',
    });
  const server = await startServer(createApp({ store: options.store, ...(options.criteria ? { criteria: options.criteria } : {}) }), '127.0.0.1', 0);
  let launched;
  try {
    launched = await launchParticipantBrowser({ insecureOrigins: [], timeoutMs: 30_000 });
    const page = await launched.browser.newPage();
    const response = await page.goto(`${server.url}/print/${encodeURIComponent(run.id)}?lang=${options.lang ?? 'en'}`, { waitUntil: 'load', timeout: 30_000 });
    if (!response?.ok()) throw new HarnessError('BROWSER_FAILED', `the printable scorecard answered ${response?.status() ?? 'nothing'}`);
    await fs.mkdir(path.dirname(path.resolve(options.outFile)), { recursive: true });
    const pdf = await page.pdf({ printBackground: true, preferCSSPageSize: true, timeout: 60_000 });
    await fs.writeFile(options.outFile, pdf);
    return { runId: run.id, outFile: options.outFile, bytes: pdf.length };
  } finally {
    if (launched) await closeParticipantBrowser(launched, 5000);
    await server.close();
  }
}
