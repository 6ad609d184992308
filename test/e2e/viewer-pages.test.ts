/**
 * Every viewer page in a real Chromium, from a seeded store: loads with no console error, no failed
 * request, charts drawn, screenshots saved to docs/screenshots/; the scorecard works without JavaScript;
 * axe-core finds no serious or critical violation on the overview and run pages; French and English.
 */
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import type { RunningServer } from '../../server/start-server.ts';
import { SEED_CRITERIA } from '../../results/seed/seed-criteria.ts';
import { launchBrowser, SCREENSHOT_DIR, seededStore, startViewer, watch } from './viewer-harness.ts';

const LATEST = 'nightly-2026-11-28';
let server: RunningServer;
let browser: Browser;
let closeBrowser: () => Promise<void>;
let cleanup: () => void;

beforeAll(async () => {
  const seeded = await seededStore({ days: 60 });
  cleanup = seeded.cleanup;
  // judged with the seed's criteria file, as `meetbench serve --criteria` does: declared criteria shown too
  server = await startViewer({ store: seeded.store, criteria: { file: SEED_CRITERIA, label: 'seed criteria' } });
  ({ browser, close: closeBrowser } = await launchBrowser());
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

afterAll(async () => {
  await closeBrowser?.();
  await server?.close();
  cleanup?.();
});

async function openPage(pathAndQuery: string, options: { width?: number; lang?: string } = {}): Promise<{ page: Page; problems: ReturnType<typeof watch> }> {
  const page = await browser.newPage();
  await page.setViewport({ width: options.width ?? 1366, height: 900 });
  await page.setExtraHTTPHeaders({ 'Accept-Language': options.lang ?? 'en-GB,en;q=0.9' });
  const problems = watch(page);
  const response = await page.goto(`${server.url}${pathAndQuery}`, { waitUntil: 'networkidle0' });
  expect([200, 304]).toContain(response?.status());
  return { page, problems };
}

const PAGES: { name: string; path: string; charts?: number; width?: number; lang?: string }[] = [
  { name: 'overview', path: '/' },
  { name: 'overview-fr', path: '/', lang: 'fr-FR,fr;q=0.9' },
  { name: 'overview-mobile', path: '/', width: 390 },
  { name: 'platform', path: '/platforms/jitsi-meet', charts: 6 },
  { name: 'run', path: `/runs/${LATEST}?trial=zimbra-connect-lan-r1`, charts: 5 },
  { name: 'run-vpn', path: '/runs/nightly-2026-11-22?trial=janus-vpn-1m-r1', charts: 5 },
  { name: 'runs', path: '/runs' },
  { name: 'compare', path: '/compare?a=janus&b=jitsi-meet' },
  { name: 'compare-runs', path: `/compare?runA=nightly-2026-11-01&runB=${LATEST}` },
  { name: 'print', path: '/print' },
];

describe('viewer pages in Chromium', () => {
  for (const spec of PAGES) {
    it(`${spec.name} (${spec.path}) loads with no console error and is screenshotted`, async () => {
      const { page, problems } = await openPage(spec.path, spec);
      if (spec.charts) {
        await page.waitForFunction((n) => document.querySelectorAll('.chart canvas').length >= n, { timeout: 15_000 }, spec.charts);
      }
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${spec.name}.png`), fullPage: true });
      expect(problems).toEqual({ console: [], pageErrors: [], dialogs: [], failedRequests: [] });
      await page.close();
    });
  }

  it('the overview shows the matrix with value and threshold in text, score, verdict, summary, date and runner trust', async () => {
    const { page } = await openPage('/');
    const text = await page.$eval('main', (el) => (el as HTMLElement).innerText);
    for (const platform of ['janus', 'galene', 'jitsi-meet', 'zimbra-connect', 'bigbluebutton']) expect(text).toContain(platform);
    expect(text).toMatch(/p\(95\) < 5000/);
    expect(text).toMatch(/\d ms/);
    // the summary sentences are the scorecard engine's (results/scorecard/summary.ts)
    expect(text).toMatch(/meets all \d must-haves \(score \d+/);
    expect(text).toMatch(/Zimbra Connect|zimbra-connect/);
    expect(text).toContain('28 Nov 2026');
    expect(text).toMatch(/Test runner: (trustworthy|NOT trustworthy)/);
    const cells = await page.$$eval('table.matrix td.cell', (tds) => tds.map((td) => td.className));
    // 5 platforms × (7 measured + 5 declared criteria)
    expect(cells.length).toBe(5 * 12);
    expect(text).toContain('Open-source licence');
    expect(text).toContain('Zimbra licence agreement');
    expect(cells.some((c) => c.includes('cell-pass'))).toBe(true);
    await page.close();
  });

  it('the run page of a VPN trial shows the profile applied, what was not, kernel and getStats rates and the relay candidate', async () => {
    const { page } = await openPage('/runs/nightly-2026-11-22?trial=janus-vpn-1m-r1');
    const text = await page.$eval('#trial', (el) => (el as HTMLElement).innerText);
    expect(text).toContain('vpn-1m');
    expect(text).toMatch(/✓ applied:\s+uplink rate 1000 kbit\/s \(tbf\)/i);
    expect(text).toMatch(/not applied:\s+uplink delay 25 ms: delay needs netem/i);
    expect(text).toContain('relay/udp');
    expect(text).toContain('42 bytes');
    // raw kernel counters read above the payload figure, which reads close to getStats
    const rows = await page.$$eval('table.net tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td.num')].map((td) => Number((td.textContent ?? '').replace(/[^\d.]/g, '')))),
    );
    const joined = rows.filter((r) => r.every((v) => v > 0));
    expect(joined.length).toBeGreaterThan(0);
    for (const [upStats, , upRaw, , upPayload] of joined) {
      expect(upRaw!).toBeGreaterThan(upPayload!);
      expect(Math.abs(upPayload! - upStats!) / upStats!).toBeLessThan(0.05);
    }
    await page.close();
  });

  it('the scorecard is complete without JavaScript', async () => {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
    const cells = await page.$$eval('table.matrix td.cell .val', (els) => els.map((e) => e.textContent?.trim()));
    expect(cells.length).toBe(60);
    expect(cells.every((c) => c && c.length > 0)).toBe(true);
    await page.close();
  });

  it('the language switch keeps French across pages (cookie), English comes back with ?lang=en', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/?lang=fr`, { waitUntil: 'load' });
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Quelle plateforme est prête ?');
    await page.goto(`${server.url}/runs`, { waitUntil: 'load' });
    expect(await page.$eval('html', (h) => h.getAttribute('lang'))).toBe('fr');
    await page.goto(`${server.url}/?lang=en`, { waitUntil: 'load' });
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Which platform is ready?');
    await page.close();
  });

  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  for (const [name, target] of [
    ['overview', '/'],
    ['run', `/runs/${LATEST}?trial=zimbra-connect-lan-r1`],
  ] as const) {
    it(`axe-core finds no serious or critical violation on the ${name} page`, async () => {
      const { page } = await openPage(target);
      // evaluated through the DevTools protocol, so the page's CSP (no inline script) stays as it is
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> };
          }
        ).axe;
        const result = await axe.run(document, { resultTypes: ['violations'] });
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
      });
      const severe = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(severe).toEqual([]);
      await page.close();
    });
  }
});
