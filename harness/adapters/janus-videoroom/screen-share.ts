/**
 * Screen sharing on Janus VideoRoom. The official demo page has no share button, so the share goes
 * through the platform's own client library the way Janus's screen-sharing demo does it
 * (screensharingtest.js): a second VideoRoom handle joins the same room as a publisher named
 * "<name> (screen)" and publishes a `screen` track, for which janus.js calls getDisplayMedia (answered by
 * meetbench's generated document, page-scripts/screen-document.ts). Every other participant's demo page
 * sees a new publisher and subscribes to it, as platforms that carry a share as its own stream do. The
 * sharer's own page is kept from subscribing to its own share.
 */
import { JoinStepError } from '../../errors.ts';
import type { JoinContext } from '../platform-adapter.ts';
import { shortReason } from '../join-steps.ts';

export const SCREEN_SUFFIX = ' (screen)';

/** page-function body: the ids of received video tracks whose feed is a share (both demo pages) */
export const RECEIVED_SCREEN_TRACKS = `
  const ids = [];
  const isScreen = (name) => typeof name === 'string' && name.endsWith(${JSON.stringify(SCREEN_SUFFIX)});
  // videoroomtest.html: one handle (and PeerConnection) per remote feed, named by rfdisplay
  for (const feed of (Array.isArray(window.feeds) ? window.feeds : [])) {
    const pc = feed && feed.webrtcStuff && feed.webrtcStuff.pc;
    if (pc && isScreen(feed.rfdisplay)) for (const r of pc.getReceivers()) if (r.track && r.track.kind === 'video') ids.push(r.track.id);
  }
  // mvideoroomtest.html: one multistream handle, each mid's feed named in subStreams
  const multi = window.remoteFeed && window.remoteFeed.webrtcStuff && window.remoteFeed.webrtcStuff.pc;
  if (multi && window.subStreams) {
    for (const t of multi.getTransceivers()) {
      const sub = window.subStreams[t.mid];
      if (sub && isScreen(sub.feed_display) && t.receiver.track && t.receiver.track.kind === 'video') ids.push(t.receiver.track.id);
    }
  }
  return ids;`;

/** which demo pages the share works on: the sharer must be kept from subscribing to its own share */
export function screenShareUnsupported(options: Record<string, unknown>): string | null {
  const page = typeof options.page === 'string' ? options.page : 'videoroomtest.html';
  return page === 'videoroomtest.html'
    ? null
    : `a share is published from the demo page videoroomtest.html only (${page} would subscribe the sharer to its own share)`;
}

/**
 * In the page, as a string (a function would carry the bundler's name helpers, which the page lacks):
 * join as a second publisher named `name`, publish the screen, resolve when its PeerConnection is up.
 */
const PUBLISH_SCREEN = `(name, timeoutMs) => new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('no PeerConnection up for the share after ' + timeoutMs + ' ms')), timeoutMs);
  // the demo subscribes to every new publisher: not to this page's own share
  const subscribe = window.newRemoteFeed;
  if (subscribe) window.newRemoteFeed = (id, shown, streams) => (shown === name ? undefined : subscribe(id, shown, streams));
  let handle = null;
  window.janus.attach({
    plugin: 'janus.plugin.videoroom',
    success: (h) => {
      handle = h;
      window.__meetbenchScreenHandle = h;
      h.send({ message: { request: 'join', room: window.myroom, ptype: 'publisher', display: name } });
    },
    error: (error) => reject(new Error('attach: ' + String(error))),
    onmessage: (msg, jsep) => {
      if (msg.error) reject(new Error('Janus: ' + String(msg.error)));
      if (msg.videoroom === 'joined') {
        handle.createOffer({
          tracks: [{ type: 'screen', capture: true, recv: false }],
          success: (offer) => handle.send({ message: { request: 'configure', audio: false, video: true }, jsep: offer }),
          error: (error) => reject(new Error('createOffer: ' + String((error && error.message) || error))),
        });
      }
      if (jsep) handle.handleRemoteJsep({ jsep });
    },
    webrtcState: (on) => {
      if (!on) return;
      clearTimeout(timer);
      resolve();
    },
  });
})`;

/** after the join: publish the generated document as a second publisher of the participant's room */
export async function startJanusScreenShare(ctx: JoinContext): Promise<void> {
  const display = `${ctx.participant.name}${SCREEN_SUFFIX}`;
  try {
    await ctx.page.evaluate(`(${PUBLISH_SCREEN})(${JSON.stringify(display)}, ${Math.max(1, Math.round(ctx.timeoutMs))})`);
  } catch (error) {
    throw new JoinStepError('screen-share', `publishing the shared screen as "${display}" (${shortReason(error)})`);
  }
}
