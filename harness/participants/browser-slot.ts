/**
 * Where a participant's page lives: its own browser process (the default), an incognito context of a
 * browser shared with other participants, or a context on a remote browser (CDP endpoint, Selenium Grid).
 * The participant only sees a slot: a page, maybe a process to sample, and a way to give it back.
 */
import type { Page } from 'puppeteer-core';

export interface BrowserSlot {
  page: Page;
  /** root of a process tree that is this participant's alone (its CPU and memory are then measured); undefined when shared or remote */
  pid: number | undefined;
  /** where the participant runs, for the report: "local", "shared-1", "cdp-1", "grid" */
  where: string;
  /** called once when the browser or the context goes away without being released */
  onLost(listener: () => void): void;
  /** close the page's context (or the whole browser when it is the participant's own); bounded by closeMs */
  release(closeMs: number): Promise<'closed' | 'killed'>;
}

export type AcquireSlot = (timeoutMs: number) => Promise<BrowserSlot>;

/** settle within ms; the boolean says whether the promise finished in time */
export async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
    timer.unref();
  });
  const done = promise.then(
    () => true,
    () => true,
  );
  const ok = await Promise.race([done, timeout]);
  clearTimeout(timer);
  return ok;
}
