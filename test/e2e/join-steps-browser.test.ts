/**
 * Join steps in a real Chromium page: a dialog whose confirm button moves the moment the pointer comes
 * near it (as a preview video taking its size moves BigBlueButton's "Start sharing" while Puppeteer aims):
 * the first click lands where the button was; clickUntilGone clicks again and the dialog closes, where a
 * single click leaves it open.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clickUntilGone, clickWhenReady } from '../../harness/adapters/join-steps.ts';
import type { JoinContext } from '../../harness/adapters/platform-adapter.ts';
import { closeParticipantBrowser, launchParticipantBrowser, type LaunchedBrowser } from '../../harness/participants/browser-process.ts';
import { chromiumMissing, shouldSkip } from '../helpers/requirements.ts';

const skip = shouldSkip('test/e2e/join-steps-browser.test.ts', 'join steps in a real Chromium page', chromiumMissing());

/** the button jumps 60 px down the first time the pointer moves over it; a click that lands on it closes the dialog */
const DIALOG = `<div id="dialog"><div id="preview" style="height:150px"></div><button id="start" style="width:120px;height:30px">Start sharing</button></div>
<script>
  const start = document.getElementById('start');
  start.addEventListener('pointermove', () => { document.getElementById('preview').style.height = '210px'; }, { once: true });
  start.addEventListener('click', () => document.getElementById('dialog').remove());
</script>`;

describe.skipIf(skip)('clickUntilGone in a real page', () => {
  let browser: LaunchedBrowser;
  let page: Page;
  const ctx = (): JoinContext =>
    ({
      page,
      platform: { id: 'p', adapter: 'a', url: 'about:blank', options: {} },
      participant: { name: 'bench1', index: 0, role: 'sender', room: '1', roomMembers: ['bench1'] },
      timeoutMs: 8000,
      mark: async () => undefined,
      secret: () => undefined,
    }) as JoinContext;

  beforeAll(async () => {
    browser = await launchParticipantBrowser({ insecureOrigins: [], timeoutMs: 30_000 });
  }, 60_000);
  // a fresh page each time: the pointer starts outside the button
  beforeEach(async () => {
    page = await browser.browser.newPage();
  });
  afterEach(async () => {
    await page.close();
  });
  afterAll(async () => {
    if (browser) await closeParticipantBrowser(browser, 5000);
  });

  it('a single click misses the button that moved under the pointer: the dialog stays', async () => {
    await page.setContent(DIALOG);
    await clickWhenReady(ctx(), 'webcam-preview', '#start');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await page.$('#dialog')).not.toBeNull();
  });

  it('clickUntilGone clicks again and the dialog closes', async () => {
    await page.setContent(DIALOG);
    await clickUntilGone(ctx(), 'webcam-preview', '#start', 300);
    expect(await page.$('#dialog')).toBeNull();
  });

  it('a button that never goes away fails the step, naming it and the selector', async () => {
    await page.setContent('<button id="start">Start sharing</button>');
    await expect(clickUntilGone({ ...ctx(), timeoutMs: 1200 }, 'webcam-preview', '#start', 300)).rejects.toThrow(/#start was clicked and stayed/);
  });
});
