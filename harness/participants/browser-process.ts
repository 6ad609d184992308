/**
 * Launching and closing one participant browser. Every browser gets a throw-away profile whose path
 * contains "meetbench-profile", so leftovers are findable (`pgrep -f meetbench-profile`); closing never
 * hangs: after `closeMs` the process group is killed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { HarnessError } from '../errors.ts';
import { CHROMIUM_PATH, participantFlags } from './chromium-flags.ts';

export const OWNER_FILE = '.meetbench-owner';

export interface LaunchedBrowser {
  browser: Browser;
  pid: number | undefined;
  profileDir: string;
}

export async function launchParticipantBrowser(options: {
  /** executable to run instead of Chromium, e.g. the lab's `ip netns exec` wrapper */
  wrapper?: string;
  insecureOrigins: string[];
  timeoutMs: number;
  /** participants are pages of this browser's one profile (runner.isolation: page) */
  pagesShareRenderers?: boolean;
}): Promise<LaunchedBrowser> {
  // the tag (default: this process) lets a test or an operator find the browsers of one run
  const tag = (process.env.MEETBENCH_PROFILE_TAG ?? String(process.pid)).replace(/[^A-Za-z0-9]/g, '');
  const profileDir = mkdtempSync(path.join(tmpdir(), `meetbench-profile-${tag}-`));
  // who owns it: the startup reaper removes the profiles of dead runners (reap-orphan-browsers.ts)
  writeFileSync(path.join(profileDir, OWNER_FILE), `${process.pid}\n`);
  try {
    const browser = await puppeteer.launch({
      executablePath: options.wrapper ?? CHROMIUM_PATH,
      headless: true,
      pipe: true,
      userDataDir: profileDir,
      args: participantFlags({ insecureOrigins: options.insecureOrigins, fakeMedia: true, pagesShareRenderers: options.pagesShareRenderers === true }),
      timeout: options.timeoutMs,
      protocolTimeout: Math.max(30_000, options.timeoutMs),
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    return { browser, pid: browser.process()?.pid, profileDir };
  } catch (error) {
    rmSync(profileDir, { recursive: true, force: true });
    throw new HarnessError('BROWSER_FAILED', `could not start Chromium (${CHROMIUM_PATH}): ${(error as Error).message.split('\n')[0]}`, {
      hint: 'run `meetbench doctor`; as root, `apt-get install -y chromium`',
    });
  }
}

export async function closeParticipantBrowser(launched: LaunchedBrowser, closeMs: number): Promise<'closed' | 'killed'> {
  let outcome: 'closed' | 'killed' = 'closed';
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), closeMs).unref());
  const closed = await Promise.race([
    launched.browser.close().then(
      () => 'ok' as const,
      () => 'error' as const,
    ),
    timer,
  ]);
  if (closed !== 'ok') {
    outcome = 'killed';
    killTree(launched.pid);
  }
  rmSync(launched.profileDir, { recursive: true, force: true });
  return outcome;
}

/** SIGKILL a browser and its children (renderers, GPU and network processes). */
export function killTree(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // not a group leader: kill it alone
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
