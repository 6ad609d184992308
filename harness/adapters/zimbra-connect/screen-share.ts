/**
 * Screen sharing in a Carbonio meeting through the meeting's action bar: its share button opens the
 * ScreenOutConnection, a send-only peer connection of its own whose getDisplayMedia meetbench answers with
 * the generated document (page-scripts/screen-document.ts). The button is pressed once the video server
 * has answered that connection's offer. Carbonio's video server (Janus VideoRoom, `use_msid`) names each
 * received stream after its publisher's feed, `<userId>/video` or `<userId>/screen`, on the one
 * connection that receives every feed: receivers tell the share from the cameras by that stream id, as
 * the client itself places each stream on its tile. The share button's test id is the lab
 * reconstruction's (the published client's was not checked: override `selectors.screenShare`); Zimbra
 * Connect's share control is not known.
 */
import { JoinStepError } from '../../errors.ts';
import { clickWhenReady, shortReason } from '../join-steps.ts';
import type { JoinContext } from '../platform-adapter.ts';
import { selectorsOf, zimbraOptionsSchema } from './options.ts';

/** page-function body: the video tracks of every received stream whose feed is a screen */
export const RECEIVED_SCREEN_TRACKS = `
  const ids = [];
  for (const video of document.querySelectorAll('video')) {
    const stream = video.srcObject;
    if (!stream || typeof stream.id !== 'string' || !stream.id.endsWith('/screen')) continue;
    for (const track of stream.getVideoTracks()) if (track.readyState === 'live') ids.push(track.id);
  }
  return ids;`;

export function carbonioShareUnsupported(raw: Record<string, unknown>): string | null {
  const parsed = zimbraOptionsSchema.safeParse(raw);
  // options that do not parse are refused on their own, with their path
  if (!parsed.success || parsed.data.flavor === 'carbonio') return null;
  return "Zimbra Connect's share control is not known (flavor carbonio shares)";
}

/** after the join: press the action bar's share button, resolve once the share's connection is answered */
export async function startCarbonioScreenShare(ctx: JoinContext): Promise<void> {
  const selector = selectorsOf(zimbraOptionsSchema.parse(ctx.platform.options)).screenShare;
  await clickWhenReady(ctx, 'screen-share', selector);
  try {
    await ctx.page.waitForSelector(`${selector}[aria-pressed="true"]`, { timeout: Math.max(1, ctx.timeoutMs) });
  } catch (error) {
    throw new JoinStepError(
      'screen-share',
      `${selector} was not pressed after the click: the share's connection was not answered (${shortReason(error)})`,
      selector,
    );
  }
}
