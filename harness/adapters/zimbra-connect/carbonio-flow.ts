/**
 * Carbonio's published ways into a meeting (carbonio-ws-collaboration-ui, MeetingAccessPage*.tsx and
 * externalAccess/): a member opens the meeting URL, gets the access page, (sender) turns the camera on and
 * clicks "Enter" (data-testid enterMeetingButton, enabled once the backend and the WebSocket are up); a
 * guest types a name on the guest card, clicks "Ready to participate", waits in the waiting room ("You're
 * ready!") until a moderator accepts, and then enters by itself. Inside, Carbonio has everyone muted: a
 * sender turns its microphone on. Buttons without a test id are found by their English or French label.
 */
import { JoinStepError } from '../../errors.ts';
import { clickLabelledButton, clickWhenReady, hasLabelledButton, typeWhenReady, visibleText, waitForFirst, waitForSelectorStep } from '../join-steps.ts';
import type { JoinContext } from '../platform-adapter.ts';
import { LABELS, type SelectorKey } from './defaults.ts';

type Selectors = Record<SelectorKey, string>;

/** "Enter", naming what a renamed test id left behind: a button still labelled Enter (or Entrer) */
async function clickEnter(ctx: JoinContext, s: Selectors): Promise<void> {
  try {
    await clickWhenReady(ctx, 'enter-meeting', s.enterMeeting);
  } catch (error) {
    if (!(error instanceof JoinStepError) || !(await hasLabelledButton(ctx, LABELS.enter))) throw error;
    throw new JoinStepError(
      'enter-meeting',
      `${s.enterMeeting} never became clickable, but a button labelled ${LABELS.enter.map((l) => `"${l}"`).join(' or ')} is on the page: its test id changed?`,
      s.enterMeeting,
    );
  }
}

export async function memberEnters(ctx: JoinContext, s: Selectors, camera: boolean): Promise<void> {
  await waitForSelectorStep(ctx, 'access-page', s.accessPage);
  await ctx.mark('uiReady');
  if (camera) await clickWhenReady(ctx, 'camera', s.cameraButton);
  await ctx.mark('joinAction');
  await clickEnter(ctx, s);
}

export async function guestAsksToEnter(ctx: JoinContext, s: Selectors, camera: boolean): Promise<void> {
  await waitForSelectorStep(ctx, 'guest-name', s.guestName);
  await ctx.mark('uiReady');
  await typeWhenReady(ctx, 'guest-name', s.guestName, ctx.participant.name);
  await ctx.mark('joinAction');
  await clickLabelledButton(ctx, 'ready-to-participate', LABELS.readyToParticipate);
  // the waiting room, unless a moderator was quicker
  const where = await waitForFirst(ctx, 'waiting-room', { waiting: `text:${LABELS.youAreReady.join('|')}`, inMeeting: s.inMeeting, error: s.pageError });
  if (where === 'error') throw new JoinStepError('waiting-room', `the page reports: ${await visibleText(ctx, s.pageError)}`, s.pageError);
  if (where === 'waiting' && camera) await clickWhenReady(ctx, 'camera', s.cameraButton);
}

/** In the meeting (a guest: once a moderator accepted), or the page's own error, which names why not. */
export async function inMeeting(ctx: JoinContext, s: Selectors, step: string): Promise<void> {
  const where = await waitForFirst(ctx, step, { inMeeting: s.inMeeting, error: s.pageError });
  if (where === 'error') throw new JoinStepError(step, `the page reports: ${await visibleText(ctx, s.pageError)}`, s.pageError);
}

export async function unmute(ctx: JoinContext, s: Selectors): Promise<void> {
  await clickWhenReady(ctx, 'unmute', s.microphone);
}

export async function leaveMeeting(ctx: JoinContext): Promise<void> {
  await clickLabelledButton(ctx, 'leave', LABELS.leave, '//*[@data-testid="meeting-action-bar"]');
}
