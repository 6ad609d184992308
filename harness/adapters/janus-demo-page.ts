/**
 * What the official Janus demo pages (Debian janus-demos) have in common, for the adapters that drive
 * them (janus-videoroom, janus-videocall): the `server` option that points a page at the WebSocket API,
 * the globals Debian's settings.js forgets, opening a page until Janus.init() has called back, and leaving
 * by destroying the page's Janus session.
 */
import { z } from 'zod';
import type { JoinContext } from './platform-adapter.ts';
import { navigateStep, waitForPageCondition } from './join-steps.ts';

export const janusServerOption = z
  .string()
  .regex(/^(wss?|https?):\/\//, 'a ws://, wss://, http:// or https:// URL')
  .optional()
  .describe("the Janus API the demo page talks to instead of its settings.js (HTTP on 8088); {host} is the page's host, e.g. ws://{host}:8188/");

/** why participants on a demo page cannot share one profile, or null when they can (PlatformAdapter.sharedProfile) */
export function janusDemoSharedProfile(options: Record<string, unknown>): string | null {
  const server = typeof options.server === 'string' ? options.server : '';
  if (/^wss?:\/\//.test(server)) return null;
  return 'the demo page long-polls Janus over HTTP, one request held open per participant, and pages of one profile share 6 connections per host; set options.server to the WebSocket API, e.g. ws://{host}:8188/';
}

/** before the page's own scripts: the globals it needs, and `server` when the options name one */
export async function prepareJanusDemoPage(ctx: JoinContext, server: string | undefined): Promise<void> {
  // Debian's settings.js does not define the globals `token` and `apisecret` that the demos read on Start
  // ("token is not defined"): define them before the page's own scripts run.
  await ctx.page.evaluateOnNewDocument(() => {
    const w = window as unknown as Record<string, unknown>;
    if (!('token' in w)) w.token = null;
    if (!('apisecret' in w)) w.apisecret = null;
  });
  // settings.js assigns the global `server` (var): an accessor defined first keeps ours. A string, not a
  // function: puppeteer would serialise the bundler's helpers along with a function.
  if (server) {
    await ctx.page.evaluateOnNewDocument(
      `(() => { const url = ${JSON.stringify(server)}.replace('{host}', location.hostname); Object.defineProperty(window, 'server', { get() { return url; }, set() {}, configurable: false }); })();`,
    );
  }
}

/** navigate to a demo page and wait until its Start button works (Janus.init() has called back); marks uiReady */
export async function openJanusDemoPage(ctx: JoinContext, url: string): Promise<void> {
  // an error page fails here with its status, instead of being waited on and blamed on "ui-ready"
  await navigateStep(ctx, url);
  await waitForPageCondition(ctx, 'ui-ready', 'Janus.initDone', () => (window as unknown as { Janus?: { initDone?: boolean } }).Janus?.initDone === true);
  await ctx.mark('uiReady');
}

/** the demo page's base URL, ending with a slash */
export function demoBase(ctx: JoinContext): string {
  return ctx.platform.url.endsWith('/') ? ctx.platform.url : `${ctx.platform.url}/`;
}

/** leave: destroy the page's Janus session (its handles hang up and close their PeerConnections) */
export async function destroyJanusSession(ctx: JoinContext): Promise<void> {
  await ctx.page.evaluate(() => {
    const w = window as unknown as { janus?: { destroy?: (o: object) => void } };
    w.janus?.destroy?.({ cleanupHandles: true });
  });
}
