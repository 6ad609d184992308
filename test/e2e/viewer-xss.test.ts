/**
 * Stored strings made of script payloads (platform name, scenario name, participant label, error and
 * console messages) are shown as text on every page: no dialog opens, no element is injected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { XSS_PAYLOADS } from '../../results/seed/generate-dataset.ts';
import type { RunningServer } from '../../server/start-server.ts';
import { launchBrowser, seededStore, startViewer, watch } from './viewer-harness.ts';

const LATEST = 'nightly-2026-11-28';
const EVIL_PLATFORM = XSS_PAYLOADS[0];
let server: RunningServer;
let browser: Browser;
let closeBrowser: () => Promise<void>;
let cleanup: () => void;

beforeAll(async () => {
  const seeded = await seededStore({ days: 12, xss: true });
  cleanup = seeded.cleanup;
  server = await startViewer({ store: seeded.store });
  ({ browser, close: closeBrowser } = await launchBrowser());
});

afterAll(async () => {
  await closeBrowser?.();
  await server?.close();
  cleanup?.();
});

const evilTrial = 'imgsrcxonerroralert1-lan-r1';
const PAGES = [
  '/',
  '/runs',
  `/runs/${LATEST}?trial=${evilTrial}`,
  `/platforms/${encodeURIComponent(EVIL_PLATFORM)}`,
  `/compare?a=${encodeURIComponent(EVIL_PLATFORM)}&b=janus`,
  `/compare?runA=nightly-2026-11-27&runB=${LATEST}`,
  '/print',
];

describe('stored XSS payloads are shown as text', () => {
  for (const target of PAGES) {
    it(`${target}: payloads appear as text, no dialog, no injected element`, async () => {
      const page = await browser.newPage();
      const problems = watch(page);
      const response = await page.goto(`${server.url}${target}`, { waitUntil: 'networkidle0' });
      expect(response?.status()).toBe(200);
      // give any injected handler (onerror, onload) the time to fire
      await new Promise((resolve) => setTimeout(resolve, 300));
      const text = await page.$eval('main', (el) => (el as HTMLElement).innerText);
      expect(text).toContain(EVIL_PLATFORM);
      const injected = await page.evaluate(() => ({
        imgX: document.querySelectorAll('img[src="x"]').length,
        handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
        svgOnload: document.querySelectorAll('svg[onload]').length,
        inlineScripts: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
      }));
      expect(injected).toEqual({ imgX: 0, handlers: 0, svgOnload: 0, inlineScripts: 0 });
      expect(problems.dialogs).toEqual([]);
      expect(problems.pageErrors).toEqual([]);
      await page.close();
    });
  }

  it('the run page shows every payload literally: scenario, participant label, error and console messages', async () => {
    const page = await browser.newPage();
    const problems = watch(page);
    await page.goto(`${server.url}/runs/${LATEST}?trial=${evilTrial}`, { waitUntil: 'networkidle0' });
    const text = await page.$eval('main', (el) => (el as HTMLElement).innerText);
    for (const payload of XSS_PAYLOADS) expect(text).toContain(payload);
    expect(problems.dialogs).toEqual([]);
    await page.close();
  });
});
