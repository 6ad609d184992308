/**
 * Browsers meetbench did not start: a Chrome with remote debugging or a browserless service (a CDP
 * endpoint), and Selenium Grid 4 (a WebDriver session created with fake-media Chrome options, then driven
 * through the Grid's CDP endpoint `se:cdp`). The scenario's `remote` section says how many participants
 * go where; they take the last participant indexes, the first ones stay local. Remote pages get the
 * in-page generated camera and microphone, so nothing (no flag, no file) is needed on the remote side.
 */
import puppeteer, { type Browser } from 'puppeteer-core';
import { z } from 'zod';
import { HarnessError } from '../errors.ts';

export const remoteSchema = z
  .strictObject({
    cdp: z
      .array(
        z.strictObject({
          endpoint: z
            .string()
            .regex(/^(wss?|https?):\/\/[^\s]+$/, 'a ws:// URL (webSocketDebuggerUrl, browserless) or the http:// address of a remote-debugging port')
            .describe('CDP endpoint'),
          participants: z.number().int().min(1).max(64).describe('participants on this browser, each in its own context'),
        }),
      )
      .default([]),
    seleniumGrid: z
      .strictObject({
        url: z
          .string()
          .regex(/^https?:\/\/[^\s]+$/, "the Grid's http:// address, e.g. http://127.0.0.1:4444")
          .describe('Selenium Grid 4 address'),
        participants: z.number().int().min(1).max(64).describe('participants on the Grid, one WebDriver session each'),
        browserName: z.string().default('chrome'),
        /** extra Chrome arguments for the Grid's browsers, e.g. --unsafely-treat-insecure-origin-as-secure=... */
        args: z.array(z.string()).default([]),
      })
      .optional(),
  })
  .describe('participants on browsers meetbench did not start');

export type RemoteConfig = z.output<typeof remoteSchema>;

export function remoteCount(remote: RemoteConfig | undefined): number {
  if (!remote) return 0;
  return remote.cdp.reduce((sum, e) => sum + e.participants, 0) + (remote.seleniumGrid?.participants ?? 0);
}

/** connect to a CDP endpoint: ws:// is the browser's own socket, http:// its remote-debugging port */
export async function connectCdp(endpoint: string, timeoutMs: number): Promise<Browser> {
  try {
    const protocolTimeout = Math.max(30_000, timeoutMs);
    return endpoint.startsWith('http')
      ? await puppeteer.connect({ browserURL: endpoint, protocolTimeout, defaultViewport: null })
      : await puppeteer.connect({ browserWSEndpoint: endpoint, protocolTimeout, defaultViewport: null });
  } catch (error) {
    throw new HarnessError('BROWSER_FAILED', `could not connect to the CDP endpoint ${redact(endpoint)}: ${(error as Error).message.split('\n')[0]}`, {
      hint: 'is the browser running with --remote-debugging-port, and reachable from this machine?',
    });
  }
}

/** browserless and others put a token in the query string: never print it */
export function redact(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    if (url.search) url.search = '?…';
    if (url.password) url.password = '…';
    return url.toString();
  } catch {
    return endpoint.replace(/\?.*$/, '?…');
  }
}

/** Chrome options a Grid node needs for a participant: headless, fake devices as a second line of defence */
export function gridChromeArgs(extra: string[]): string[] {
  return [
    '--headless=new',
    '--no-sandbox',
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    '--disable-background-networking',
    '--disable-quic',
    '--mute-audio',
    '--autoplay-policy=no-user-gesture-required',
    '--disable-dev-shm-usage',
    ...extra,
  ];
}

export interface GridSession {
  id: string;
  cdp: string;
  browser: Browser;
  close(): Promise<void>;
}

/** One WebDriver session on the Grid (W3C new-session), then puppeteer on its `se:cdp` endpoint. */
export async function openGridSession(grid: NonNullable<RemoteConfig['seleniumGrid']>, timeoutMs: number): Promise<GridSession> {
  const base = grid.url.replace(/\/+$/, '');
  const body = {
    capabilities: {
      alwaysMatch: { browserName: grid.browserName, 'goog:chromeOptions': { args: gridChromeArgs(grid.args) }, 'se:cdpEnabled': true },
    },
  };
  let response: Response;
  try {
    response = await fetch(`${base}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new HarnessError('BROWSER_FAILED', `Selenium Grid ${base} did not answer: ${(error as Error).message}`, {
      hint: 'is the Grid running (java -jar selenium-server.jar standalone)?',
    });
  }
  const answer = (await response.json().catch(() => ({}))) as { value?: { sessionId?: string; capabilities?: Record<string, unknown>; message?: string } };
  const id = answer.value?.sessionId;
  const cdp = answer.value?.capabilities?.['se:cdp'];
  const deleteSession = async (): Promise<void> => {
    if (id) await fetch(`${base}/session/${id}`, { method: 'DELETE', signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
  };
  if (!response.ok || !id) {
    throw new HarnessError(
      'BROWSER_FAILED',
      `Selenium Grid ${base} refused a session (HTTP ${response.status}): ${answer.value?.message?.split('\n')[0] ?? 'no message'}`,
    );
  }
  if (typeof cdp !== 'string') {
    await deleteSession();
    throw new HarnessError('BROWSER_FAILED', `Selenium Grid ${base} gave no se:cdp endpoint for session ${id}`, {
      hint: 'Grid 4 with a Chromium-based node exposes it; older Grids do not',
    });
  }
  const browser = await connectCdp(cdp, timeoutMs).catch(async (error: unknown) => {
    await deleteSession();
    throw error;
  });
  return {
    id,
    cdp,
    browser,
    async close() {
      await browser.disconnect().catch(() => undefined);
      await deleteSession();
    },
  };
}
