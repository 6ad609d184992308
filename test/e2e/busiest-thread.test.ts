/**
 * The busiest-thread watch reads real /proc: a Chromium started here, made to spin one of its threads,
 * must come out as the busiest thread with a share of a core that matches the spin.
 */
import { afterAll, describe, expect, it } from 'vitest';
import puppeteer, { type Browser } from 'puppeteer-core';
import { watchBusiestThread } from '../../harness/runner/busiest-thread.ts';
import { CHROMIUM_PATH } from '../../harness/participants/chromium-flags.ts';
import { chromiumMissing, shouldSkip } from '../helpers/requirements.ts';

const skip = shouldSkip('test/e2e/busiest-thread.test.ts', "the busiest-thread watch on a real Chromium's threads", chromiumMissing());

describe.skipIf(skip)('the busiest thread of a browser', () => {
  let browser: Browser | undefined;
  afterAll(async () => browser?.close());

  it("names a renderer's main thread spinning for most of the window, with its share of one core", async () => {
    browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, headless: true, pipe: true, args: ['--no-sandbox', '--disable-gpu'] });
    const page = await browser.newPage();
    await page.goto('data:text/html,spin');
    const pid = browser.process()?.pid as number;
    const end = watchBusiestThread([pid]);
    // the page's main thread (named after the executable, "chromium") spins for 1.5 s of a 2-s window
    await page.evaluate(() => {
      const until = Date.now() + 1500;
      while (Date.now() < until) Math.sqrt(Math.random());
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const busiest = end();
    expect(busiest?.thread).toMatch(/^renderer /);
    expect(busiest!.pctOfCore).toBeGreaterThan(50);
    expect(busiest!.pctOfCore).toBeLessThanOrEqual(100);
  });

  it('has nothing to say without browsers', () => {
    expect(watchBusiestThread([])()).toBeNull();
  });
});
