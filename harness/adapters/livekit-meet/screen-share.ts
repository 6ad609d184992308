/**
 * Screen sharing on LiveKit Meet (and the lab page of the same components) through the product's own
 * control: the ControlBar's "Share screen" button, a TrackToggle of source `screen_share`, whose click
 * calls `localParticipant.setScreenShareEnabled`, which calls getDisplayMedia (answered by meetbench's
 * generated document, page-scripts/screen-document.ts). LiveKit publishes the share as a second video track
 * of the same participant, so receivers tell it from the cameras by the room's own state: a remote track
 * publication whose `source` is `screen_share` (`window.__lk_room`, as Meet's debug mode exposes it).
 */
import { JoinStepError } from '../../errors.ts';
import { clickWhenReady, shortReason } from '../join-steps.ts';
import type { JoinContext } from '../platform-adapter.ts';
import { SELECTORS } from './selectors.ts';

/** page-function body: the ids of received video tracks that LiveKit says are a screen share */
export const RECEIVED_SCREEN_TRACKS = `
  const ids = [];
  const room = window.__lk_room;
  if (!room || !room.remoteParticipants) return ids;
  for (const participant of room.remoteParticipants.values()) {
    for (const publication of participant.trackPublications.values()) {
      const track = publication.track && publication.track.mediaStreamTrack;
      if (publication.source === 'screen_share' && publication.kind === 'video' && track) ids.push(track.id);
    }
  }
  return ids;`;

/**
 * The share is up once the server has given its publication a sid (LiveKit creates the local publication
 * when the server answers the publish request) and a sender carries it.
 */
const SHARE_PUBLISHED = `(() => {
  const room = window.__lk_room;
  const publication = room && room.localParticipant.getTrackPublication('screen_share');
  return !!(publication && publication.trackSid && publication.track && publication.track.sender);
})()`;

/** what the page shows of the share when it did not start: the toggle's state and LiveKit's publication */
const SHARE_STATE = `(() => {
  const button = document.querySelector(${JSON.stringify(SELECTORS.screenShare)});
  const room = window.__lk_room;
  const publication = room && room.localParticipant.getTrackPublication('screen_share');
  return 'the share button says enabled=' + (button ? button.getAttribute('data-lk-enabled') : 'absent') + ', the room has ' + (publication ? 'a publication without sender' : 'no screen_share publication');
})()`;

/** after the join: click the ControlBar's share button, resolve when LiveKit has published the share */
export async function startLivekitScreenShare(ctx: JoinContext): Promise<void> {
  await clickWhenReady(ctx, 'screen-share', SELECTORS.screenShare);
  try {
    await ctx.page.waitForFunction(SHARE_PUBLISHED, { timeout: Math.max(1, ctx.timeoutMs), polling: 100 });
  } catch (error) {
    const state = await ctx.page.evaluate(SHARE_STATE).catch(() => 'the page no longer answers');
    throw new JoinStepError('screen-share', `the share was not published after clicking ${SELECTORS.screenShare}: ${String(state)} (${shortReason(error)})`);
  }
}
