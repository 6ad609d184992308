/**
 * What the viewer tests share: a seeded store in a temporary data directory, the real app listening on
 * 127.0.0.1 port 0, and a real headless Chromium (Debian's) with a "meetbench-profile" profile.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { openStore } from '../../results/store/open-store.ts';
import { generateDataset, type SeedOptions } from '../../results/seed/generate-dataset.ts';
import type { ResultsStore } from '../../results/store/results-store.ts';
import { createApp, type AppOptions } from '../../server/create-app.ts';
import { startServer, type RunningServer } from '../../server/start-server.ts';

export async function seededStore(options: SeedOptions): Promise<{ store: ResultsStore; dataDir: string; cleanup: () => void }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'meetbench-viewer-data-'));
  const store = await openStore(dataDir);
  await generateDataset(store, options);
  return { store, dataDir, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

export function startViewer(options: AppOptions): Promise<RunningServer> {
  return startServer(createApp(options), '127.0.0.1', 0);
}

export async function launchBrowser(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const profileDir = mkdtempSync(path.join(tmpdir(), 'meetbench-profile-viewer-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.MEETBENCH_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    pipe: true,
    userDataDir: profileDir,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-extensions',
    ],
  });
  return {
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

export interface PageProblems {
  console: string[];
  pageErrors: string[];
  dialogs: string[];
  failedRequests: string[];
}

/** Record everything that would mean "the page is broken or a script ran": console errors, dialogs, failed loads. */
export function watch(page: Page): PageProblems {
  const problems: PageProblems = { console: [], pageErrors: [], dialogs: [], failedRequests: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warn') problems.console.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.pageErrors.push(String(error)));
  page.on('dialog', async (dialog) => {
    problems.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  page.on('requestfailed', (req) => problems.failedRequests.push(`${req.url()} ${req.failure()?.errorText ?? ''}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.failedRequests.push(`${res.status()} ${res.url()}`);
  });
  return problems;
}

export const SCREENSHOT_DIR = path.resolve('docs/screenshots');
