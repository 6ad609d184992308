/**
 * Zimbra Connect / Zextras Team and Carbonio meetings. Carbonio follows its published client
 * (carbonio-flow.ts): members (log in,) open the meeting URL and "Enter"; guests type a name, say they
 * are ready and wait for a moderator. `lab:carbonio` is the lab's reconstruction of Carbonio's media plane,
 * where every visitor is a member (login: false). Zimbra Connect is closed source: its defaults are
 * guesses that options.selectors / options.urls override.
 * Joined signal: the meeting's action bar, or the page's own error, which then names why; plus, by the
 * runner, a connected peer connection with outbound media. A screen share goes through the action bar's
 * share button (screen-share.ts).
 */
import { navigateStep, waitForExpression } from '../join-steps.ts';
import type { JoinContext, PlatformAdapter } from '../platform-adapter.ts';
import { guestAsksToEnter, inMeeting, leaveMeeting, memberEnters, unmute } from './carbonio-flow.ts';
import { logIn } from './login.ts';
import { carbonioShareUnsupported, RECEIVED_SCREEN_TRACKS, startCarbonioScreenShare } from './screen-share.ts';
import { meetingUrl, selectorsOf, zimbraOptionsSchema, type ZimbraOptions } from './options.ts';

export { loginUrl, meetingUrl } from './options.ts';

const options = (ctx: JoinContext): ZimbraOptions => zimbraOptionsSchema.parse(ctx.platform.options);
const sender = (ctx: JoinContext): boolean => ctx.participant.role === 'sender';

export const zimbraConnectAdapter: PlatformAdapter = {
  id: 'zimbra-connect',
  title: 'Zimbra Connect / Zextras Team / Carbonio',
  description:
    'Carbonio meetings as its published client enters them (members: "Enter"; guests: name, "Ready to participate", waiting room), in the lab (lab:carbonio, a reconstruction of its media plane) or on a deployment; Zimbra Connect / Zextras Team with overridable guesses.',
  capabilities: { send: true, receiveOnly: true, rooms: true, screenShare: true, lab: true },
  optionsSchema: zimbraOptionsSchema,
  // the action bar's share button; receivers know the share by its stream's feed id (screen-share.ts)
  screenShare: { start: startCarbonioScreenShare, receivedTracks: RECEIVED_SCREEN_TRACKS, unsupported: carbonioShareUnsupported },
  // Carbonio mixes the audio on its video server (Janus AudioBridge); Zimbra Connect was peer to peer or had a video server: not known here
  mediaModel: (raw) => (zimbraOptionsSchema.parse(raw).flavor === 'carbonio' ? 'sfu-mixed-audio' : null),

  async join(ctx) {
    const opts = options(ctx);
    const s = selectorsOf(opts);
    const destination = meetingUrl(ctx.platform.url, opts, ctx.participant.room);
    const member = opts.access === 'member';
    if (member && opts.login) await logIn(ctx, opts, s, destination);
    // after the login redirect we may already be there; otherwise open the meeting
    if (!member || !opts.login || ctx.page.url().split('#')[0] !== destination) await navigateStep(ctx, destination, 'open-meeting');
    const camera = sender(ctx) && opts.enableCamera;
    if (member) await memberEnters(ctx, s, camera);
    else await guestAsksToEnter(ctx, s, camera);
  },

  async joinedSignal(ctx) {
    const opts = options(ctx);
    const s = selectorsOf(opts);
    await inMeeting(ctx, s, opts.access === 'member' ? 'enter-meeting' : 'moderator-acceptance');
    if (opts.joinedExpression) await waitForExpression(ctx, 'joined-signal', opts.joinedExpression);
    if (sender(ctx) && opts.unmute) await unmute(ctx, s);
  },

  async leave(ctx) {
    await leaveMeeting({ ...ctx, timeoutMs: 2000 });
  },
};
