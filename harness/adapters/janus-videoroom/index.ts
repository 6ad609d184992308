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
 * A screen share is a second publisher of the sharer's room (screen-share.ts).
 */
import { z } from 'zod';
import type { JoinContext, PlatformAdapter } from '../platform-adapter.ts';
import { clickWhenReady, typeWhenReady, waitForPageCondition } from '../join-steps.ts';
import { demoBase, destroyJanusSession, janusDemoSharedProfile, janusServerOption, openJanusDemoPage, prepareJanusDemoPage } from '../janus-demo-page.ts';
import { RECEIVED_SCREEN_TRACKS, screenShareUnsupported, startJanusScreenShare } from './screen-share.ts';
import { SELECTORS } from './selectors.ts';

const optionsSchema = z.strictObject({
  page: z
    .string()
    .default('videoroomtest.html')
    .describe(
      'demo page under the URL: videoroomtest.html (a PeerConnection per remote feed) or mvideoroomtest.html (one multistream PeerConnection for all of them)',
    ),
  /** numeric room ids; a participant's room index picks one (room 1 → first id) */
  roomBase: z.number().int().min(1).default(1).describe('id of the first room; rooms are numbered from it'),
  server: janusServerOption,
});

function pageUrl(ctx: JoinContext): string {
  const options = optionsSchema.parse(ctx.platform.options);
  const room = options.roomBase + Number(ctx.participant.room) - 1;
  const receiveOnly = ctx.participant.role === 'receiver' ? '&subscriber-mode=true' : '';
  return `${demoBase(ctx)}${options.page}?room=${room}${receiveOnly}`;
}

export const janusVideoroomAdapter: PlatformAdapter = {
  id: 'janus-videoroom',
  title: 'Janus VideoRoom (official demo page)',
  description: 'Janus WebRTC Server with its official VideoRoom demo; runs for real in the lab (Debian janus + janus-demos).',
  capabilities: { send: true, receiveOnly: true, rooms: true, screenShare: true, lab: true },
  optionsSchema,
  sharedProfile: janusDemoSharedProfile,
  // every publisher sends once, every subscriber receives each feed (audio and video) on its own
  mediaModel: () => 'sfu',
  screenShare: { start: startJanusScreenShare, receivedTracks: RECEIVED_SCREEN_TRACKS, unsupported: screenShareUnsupported },

  async beforeNavigation(ctx) {
    await prepareJanusDemoPage(ctx, optionsSchema.parse(ctx.platform.options).server);
  },

  async join(ctx) {
    await openJanusDemoPage(ctx, pageUrl(ctx));
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
    await destroyJanusSession(ctx);
  },
};
