/**
 * The busiest-thread watch reads real /proc: a Chromium started here, made to spin one of its threads,
 * must come out as the busiest thread with a share of a core that matches the spin.
 */
import { afterAll, describe, expect, it } from 'vitest';
import puppeteer, { type Browser } from 'puppeteer-core';
import { watchBusiestThread } from '../../harness/collectors/busiest-thread.ts';
import { CORES, RunnerCpuSampler } from '../../harness/collectors/runner-cpu.ts';
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
    // The spin is 1.5 s of wall time: on a loaded machine the scheduler gives the thread less of it than
    // asked. The runner's own CPU says whether it was loaded; then the window is tried once more, and a
    // second loaded window only checks the thread's name and that its share is a share of one core.
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      const runner = new RunnerCpuSampler();
      const end = watchBusiestThread([pid]);
      // the page's main thread (named after the executable, "chromium") spins for 1.5 s of a 2-s window
      await page.evaluate(() => {
        const until = Date.now() + 1500;
        while (Date.now() < until) Math.sqrt(Math.random());
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      const busiest = end();
      const machinePct = runner.sample();
      expect(busiest?.thread).toMatch(/^renderer /);
      expect(busiest!.pctOfCore).toBeGreaterThan(0);
      expect(busiest!.pctOfCore).toBeLessThanOrEqual(100);
      // what the rest of the machine did meanwhile: above a quarter of it, other work competed with the spin
      const loaded = machinePct - busiest!.pctOfCore / CORES > 25;
      process.stdout.write(
        `busiest thread ${busiest!.thread}: ${busiest!.pctOfCore} % of a core; machine ${machinePct.toFixed(1)} % of ${CORES} cores (attempt ${attempt})\n`,
      );
      if (busiest!.pctOfCore > 50) return;
      if (!loaded) expect(busiest!.pctOfCore, 'an idle machine gives a spinning thread most of its window').toBeGreaterThan(50);
      process.stdout.write(
        attempt === 1 ? 'the machine was loaded by other work: trying once more\n' : 'loaded twice: only the name and the range were checked\n',
      );
    }
  });

  it('has nothing to say without browsers', () => {
    expect(watchBusiestThread([])()).toBeNull();
  });
});
