/**
 * Peer-to-peer calls as Zimbra Connect 8.8.15 made them, on the lab (`lab:zimbra-p2p`): every member
 * sends its camera and microphone to every other, so a meeting holds at most the configured group size
 * (5 by default, as Zimbra Connect's): a scenario with larger rooms is refused at validation.
 * Joined signal: the call view, or the page's alert (a full group, lost signalling), which names why.
 * The first member of a call has nobody to connect to: its join ends when the second arrives.
 */
import { z } from 'zod';
import { JoinStepError } from '../../errors.ts';
import { clickWhenReady, navigateStep, visibleText, waitForFirst } from '../join-steps.ts';
import type { JoinContext, PlatformAdapter } from '../platform-adapter.ts';
import { SELECTORS } from './selectors.ts';

const optionsSchema = z.strictObject({
  groupSize: z.number().int().min(2).max(64).default(5).describe("the most members a call holds, as Zimbra Connect's administrator set it (5 by default)"),
});

function callUrl(ctx: JoinContext): string {
  const { groupSize } = optionsSchema.parse(ctx.platform.options);
  const query = new URLSearchParams({ name: ctx.participant.name, groupSize: String(groupSize) });
  return `${new URL(ctx.platform.url).origin}/zimbra-p2p/call/meetbench-${encodeURIComponent(ctx.participant.room)}?${query}`;
}

export const zimbraP2pAdapter: PlatformAdapter = {
  id: 'zimbra-p2p',
  title: 'Zimbra Connect peer-to-peer calls (lab)',
  description:
    "Zimbra Connect 8.8.15's peer-to-peer calls reconstructed in the lab (lab:zimbra-p2p): a mesh where every member sends to every other, groups of at most 5 by default.",
  capabilities: { send: true, receiveOnly: false, rooms: true, screenShare: false, lab: true },
  optionsSchema,
  mediaModel: () => 'mesh',
  roomLimit: (raw) => {
    const { groupSize } = optionsSchema.parse(raw);
    return {
      max: groupSize,
      why: `Zimbra Connect's peer-to-peer calls hold at most ${groupSize} (options.groupSize): every member sends its media to every other, so each one's uplink grows with the call`,
    };
  },

  async join(ctx) {
    await navigateStep(ctx, callUrl(ctx));
    await ctx.mark('uiReady');
    await ctx.mark('joinAction');
    await clickWhenReady(ctx, 'join-call', SELECTORS.join);
  },

  async joinedSignal(ctx) {
    const where = await waitForFirst(ctx, 'joined-signal', { inCall: SELECTORS.inCall, error: SELECTORS.error });
    if (where === 'error') throw new JoinStepError('joined-signal', `the page reports: ${await visibleText(ctx, SELECTORS.error)}`, SELECTORS.error);
  },

  async leave(ctx) {
    await clickWhenReady({ ...ctx, timeoutMs: 2000 }, 'leave', SELECTORS.leave);
  },
};
