/**
 * Janus VideoRoom through its official demo page: click Start, type a name, click "Join the room".
 * Joined signal: the demo's own state (`myid` set by the room's "joined" event) and its publisher peer
 * connection up (`sfutest.webrtcStuff.pc` ICE connected), read from the page's globals.
 * Receivers open the page with the demo's own `subscriber-mode=true`: they join the room without
 * publishing (no getUserMedia, no encoder) and subscribe to every feed; their joined signal is the first
 * subscription (`feeds[i].webrtcStuff.pc`) ICE connected.
 * `server` points the page at another Janus API than its settings.js (HTTP long-polls on 8088), e.g. the
 * WebSocket API: one socket per participant instead of a held HTTP request, which is what lets
 * participants be pages of one profile (`runner.isolation: page`).
 */
import { z } from 'zod';
import { JoinStepError } from '../../errors.ts';
import type { JoinContext, PlatformAdapter } from '../platform-adapter.ts';
import { clickWhenReady, typeWhenReady, waitForPageCondition } from '../join-steps.ts';
import { SELECTORS } from './selectors.ts';

const optionsSchema = z.strictObject({
  page: z
    .string()
    .default('videoroomtest.html')
    .describe('demo page under the URL: videoroomtest.html (a PeerConnection per remote feed) or mvideoroomtest.html (one multistream PeerConnection for all of them)'),
  /** numeric room ids; a participant's room index picks one (room 1 → first id) */
  roomBase: z.number().int().min(1).default(1).describe('id of the first room; rooms are numbered from it'),
  server: z
    .string()
    .regex(/^(wss?|https?):\/\//, 'a ws://, wss://, http:// or https:// URL')
    .optional()
    .describe("the Janus API the demo page talks to instead of its settings.js (HTTP on 8088); {host} is the page's host, e.g. ws://{host}:8188/"),
});

/** why participants on this page cannot share one profile, or null when they can (PlatformAdapter.sharedProfile) */
function sharedProfile(options: Record<string, unknown>): string | null {
  const server = typeof options.server === 'string' ? options.server : '';
  if (/^wss?:\/\//.test(server)) return null;
  return 'the demo page long-polls Janus over HTTP, one request held open per participant, and pages of one profile share 6 connections per host; set options.server to the WebSocket API, e.g. ws://{host}:8188/';
}

function pageUrl(ctx: JoinContext): string {
  const options = optionsSchema.parse(ctx.platform.options);
  const base = ctx.platform.url.endsWith('/') ? ctx.platform.url : `${ctx.platform.url}/`;
  const room = options.roomBase + Number(ctx.participant.room) - 1;
  const receiveOnly = ctx.participant.role === 'receiver' ? '&subscriber-mode=true' : '';
  return `${base}${options.page}?room=${room}${receiveOnly}`;
}

export const janusVideoroomAdapter: PlatformAdapter = {
  id: 'janus-videoroom',
  title: 'Janus VideoRoom (official demo page)',
  description: 'Janus WebRTC Server with its official VideoRoom demo; runs for real in the lab (Debian janus + janus-demos).',
  capabilities: { send: true, receiveOnly: true, rooms: true, screenShare: false, lab: true },
  optionsSchema,
  sharedProfile,

  async beforeNavigation(ctx) {
    // Debian's settings.js does not define the globals `token` and `apisecret` that videoroomtest.js
    // reads on Start ("token is not defined"): define them before the page's own scripts run.
    await ctx.page.evaluateOnNewDocument(() => {
      const w = window as unknown as Record<string, unknown>;
      if (!('token' in w)) w.token = null;
      if (!('apisecret' in w)) w.apisecret = null;
    });
    const { server } = optionsSchema.parse(ctx.platform.options);
    // settings.js assigns the global `server` (var): an accessor defined first keeps ours. A string, not a
    // function: puppeteer would serialise the bundler's helpers along with a function.
    if (server) {
      await ctx.page.evaluateOnNewDocument(
        `(() => { const url = ${JSON.stringify(server)}.replace('{host}', location.hostname); Object.defineProperty(window, 'server', { get() { return url; }, set() {}, configurable: false }); })();`,
      );
    }
  },

  async join(ctx) {
    const url = pageUrl(ctx);
    let status: number | undefined;
    try {
      status = (await ctx.page.goto(url, { waitUntil: 'load', timeout: ctx.timeoutMs }))?.status();
    } catch (error) {
      throw new JoinStepError('navigate', `could not load ${url}: ${(error as Error).message}`);
    }
    // an error page would otherwise be waited on until the join timeout and blamed on "ui-ready"
    if (status !== undefined && status >= 400) throw new JoinStepError('navigate', `${url} answered HTTP ${status}`);
    // the Start button only works once Janus.init() has called back
    await waitForPageCondition(ctx, 'ui-ready', 'Janus.initDone', () => (window as unknown as { Janus?: { initDone?: boolean } }).Janus?.initDone === true);
    await ctx.mark('uiReady');
    await clickWhenReady(ctx, 'start', SELECTORS.start);
    await typeWhenReady(ctx, 'enter-name', SELECTORS.username, ctx.participant.name);
    await ctx.mark('joinAction');
    await clickWhenReady(ctx, 'join-room', SELECTORS.register);
  },

  async joinedSignal(ctx) {
    if (ctx.participant.role === 'receiver') {
      await waitForPageCondition(ctx, 'joined-signal', 'myid !== null && a subscription ICE connected', () => {
        type Handle = { webrtcStuff?: { pc?: RTCPeerConnection } } | null;
        // videoroomtest.html: a handle per remote feed in `feeds`; mvideoroomtest.html: one multistream handle, `remoteFeed`
        const w = window as unknown as { myid?: unknown; feeds?: Handle[] | Record<string, unknown>; remoteFeed?: Handle };
        const handles = [...(Array.isArray(w.feeds) ? w.feeds : []), w.remoteFeed ?? null];
        const connected = handles.some((handle) => ['connected', 'completed'].includes(handle?.webrtcStuff?.pc?.iceConnectionState ?? ''));
        return w.myid !== null && w.myid !== undefined && connected;
      });
      return;
    }
    await waitForPageCondition(ctx, 'joined-signal', 'myid !== null && sfutest pc ICE connected', () => {
      const w = window as unknown as { myid?: unknown; sfutest?: { webrtcStuff?: { pc?: RTCPeerConnection } } };
      const state = w.sfutest?.webrtcStuff?.pc?.iceConnectionState;
      return w.myid !== null && w.myid !== undefined && (state === 'connected' || state === 'completed');
    });
  },

  async leave(ctx) {
    await ctx.page.evaluate(() => {
      const w = window as unknown as { janus?: { destroy?: (o: object) => void } };
      w.janus?.destroy?.({ cleanupHandles: true });
    });
  },
};
