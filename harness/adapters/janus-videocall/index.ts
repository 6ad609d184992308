/**
 * Janus VideoCall through its official demo page: the 1:1 call of a teleconsultation. Both participants
 * of a room register their name (Start, name, Register); the first of the room waits for the call and
 * answers it, the second calls the first. One PeerConnection per participant carries both directions,
 * relayed by Janus, where a VideoRoom needs one to publish and one per remote feed.
 *
 * Rooms hold exactly 2 (`capabilities.roomSize`): the scenario loader refuses anything else. Names are
 * registered plugin-wide, so they are the participants' own names (letters and digits).
 * Joined signal: the demo's own state (`yourusername` set when the call is answered) and the call's
 * PeerConnection (`videocall.webrtcStuff.pc`) ICE connected. `server` as for janus-videoroom: the
 * WebSocket API lets participants be pages of one profile.
 */
import { z } from 'zod';
import { JoinStepError } from '../../errors.ts';
import type { JoinContext, PlatformAdapter } from '../platform-adapter.ts';
import { clickWhenReady, shortReason, typeWhenReady, waitForPageCondition } from '../join-steps.ts';
import { demoBase, destroyJanusSession, janusDemoSharedProfile, janusServerOption, openJanusDemoPage, prepareJanusDemoPage } from '../janus-demo-page.ts';
import { SELECTORS } from './selectors.ts';

const optionsSchema = z.strictObject({
  page: z.string().default('videocalltest.html').describe('demo page under the URL'),
  server: janusServerOption,
});

/** a refused call is retried this long after its alert is closed: the callee may not have registered yet */
const RETRY_PAUSE_MS = 1000;

/**
 * Names registered by the participants this process drives, by deployment: a caller waits for its callee
 * here instead of calling into the void. Each refused call costs the page a microphone opened and
 * dropped, an offer and an alert to close, at the busiest moment of a run. The retry stays for a callee
 * driven elsewhere.
 */
const registered = new Map<string, { done: Promise<void>; resolve: () => void }>();
const registrationKey = (ctx: JoinContext, name: string): string => `${ctx.platform.url}|${name}`;
function registrationOf(ctx: JoinContext, name: string): { done: Promise<void>; resolve: () => void } {
  const key = registrationKey(ctx, name);
  let entry = registered.get(key);
  if (!entry) {
    let resolve: () => void = () => undefined;
    const done = new Promise<void>((r) => {
      resolve = r;
    });
    entry = { done, resolve };
    registered.set(key, entry);
  }
  return entry;
}

/**
 * who this participant is in its call: the first of the room answers, the second calls. The loader has
 * refused other room sizes already; this names the room for a caller that bypassed it. Names need no
 * check: participants.namePrefix is letters and digits, which is what the demo registers.
 */
function pairing(ctx: JoinContext): { peer: string; calls: boolean } {
  const { name, room, roomMembers } = ctx.participant;
  const seat = roomMembers.indexOf(name);
  if (roomMembers.length !== 2 || seat < 0) {
    throw new JoinStepError(
      'pair',
      `a 1:1 call needs exactly 2 participants in room ${room}, the scenario puts ${roomMembers.length} there (${roomMembers.join(', ')}); expected rooms.count = participants.count / 2`,
    );
  }
  return { peer: roomMembers[1 - seat]!, calls: seat === 1 };
}

/** what the page shows after Register: "registered", or the alert Janus answered with */
async function registration(ctx: JoinContext): Promise<string> {
  try {
    const handle = await ctx.page.waitForFunction(
      (alertText: string) => {
        const w = window as unknown as { myusername?: string | null };
        if (w.myusername) return 'registered';
        return document.querySelector(alertText)?.textContent?.trim() || false;
      },
      { timeout: ctx.timeoutMs, polling: 100 },
      SELECTORS.alertText,
    );
    return String(await handle.jsonValue());
  } catch (error) {
    throw new JoinStepError('register', `waiting for myusername or an alert after Register (${shortReason(error)})`);
  }
}

/** after Call: "calling" (Janus rang the peer), "accepted", or the alert Janus answered with */
async function callState(ctx: JoinContext, timeoutMs: number): Promise<string> {
  try {
    const handle = await ctx.page.waitForFunction(
      (alertText: string, call: string) => {
        const w = window as unknown as { yourusername?: string | null };
        if (w.yourusername) return 'accepted';
        const text = document.querySelector(alertText)?.textContent?.trim() ?? '';
        if (text.startsWith('Waiting for the peer')) return 'calling';
        // an error alert, once the page has put its Call button back
        const button = document.querySelector<HTMLButtonElement>(call);
        return text !== '' && button?.disabled === false && button.textContent?.trim() === 'Call' ? text : false;
      },
      { timeout: Math.max(1, timeoutMs), polling: 100 },
      SELECTORS.alertText,
      SELECTORS.call,
    );
    return String(await handle.jsonValue());
  } catch (error) {
    throw new JoinStepError('call', `waiting for the call to ring or be refused (${shortReason(error)})`);
  }
}

async function closeAlert(ctx: JoinContext): Promise<void> {
  await clickWhenReady(ctx, 'call', SELECTORS.alertOk);
  await ctx.page.waitForSelector(SELECTORS.alertText, { hidden: true, timeout: ctx.timeoutMs }).catch(() => undefined);
}

/** call the peer; until it has registered Janus answers "doesn't exist", so retry within the join budget */
async function call(ctx: JoinContext, peer: string): Promise<void> {
  const deadline = Date.now() + ctx.timeoutMs;
  // a callee this process drives calls back when registered; another one is called after the same wait
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([registrationOf(ctx, peer).done, new Promise((resolve) => (timer = setTimeout(resolve, ctx.timeoutMs / 2)))]);
  clearTimeout(timer);
  await ctx.mark('joinAction');
  for (;;) {
    await typeWhenReady(ctx, 'call', SELECTORS.peer, peer);
    await clickWhenReady(ctx, 'call', SELECTORS.call);
    const state = await callState(ctx, deadline - Date.now());
    if (state === 'calling' || state === 'accepted') return;
    if (!/doesn't exist/.test(state) || Date.now() + RETRY_PAUSE_MS >= deadline) {
      throw new JoinStepError('call', `Janus refused the call to ${peer}: ${state}`);
    }
    await closeAlert(ctx);
    await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
  }
}

export const janusVideocallAdapter: PlatformAdapter = {
  id: 'janus-videocall',
  title: 'Janus VideoCall (official demo page, 1:1 calls)',
  description:
    'Janus WebRTC Server with its official VideoCall demo: 1:1 calls, as in teleconsultation; runs for real in the lab (Debian janus + janus-demos).',
  capabilities: { send: true, receiveOnly: false, rooms: true, screenShare: false, lab: true, roomSize: 2 },
  optionsSchema,
  sharedProfile: janusDemoSharedProfile,

  async beforeNavigation(ctx) {
    await prepareJanusDemoPage(ctx, optionsSchema.parse(ctx.platform.options).server);
  },

  async join(ctx) {
    await openJanusDemoPage(ctx, `${demoBase(ctx)}${optionsSchema.parse(ctx.platform.options).page}`);
    const { peer, calls } = pairing(ctx);
    await clickWhenReady(ctx, 'start', SELECTORS.start);
    await typeWhenReady(ctx, 'enter-name', SELECTORS.username, ctx.participant.name);
    await clickWhenReady(ctx, 'register', SELECTORS.register);
    const answer = await registration(ctx);
    if (answer !== 'registered') {
      const hint = /already taken/.test(answer) ? ' (a call of an earlier run that did not hang up: Janus drops it when its session times out)' : '';
      throw new JoinStepError('register', `Janus refused the name ${ctx.participant.name}: ${answer}${hint}`);
    }
    registrationOf(ctx, ctx.participant.name).resolve();
    if (calls) {
      await call(ctx, peer);
      return;
    }
    // the answer waits for the peer's call: in a 1:1 call, being in the meeting starts there
    await ctx.page.waitForSelector(SELECTORS.answer, { visible: true, timeout: ctx.timeoutMs }).catch((error: unknown) => {
      throw new JoinStepError('answer', `no call from ${peer} came (${shortReason(error)})`, SELECTORS.answer);
    });
    await ctx.mark('joinAction');
    await clickWhenReady(ctx, 'answer', SELECTORS.answer);
  },

  async joinedSignal(ctx) {
    await waitForPageCondition(ctx, 'joined-signal', 'yourusername !== null && videocall pc ICE connected', () => {
      const w = window as unknown as { yourusername?: string | null; videocall?: { webrtcStuff?: { pc?: RTCPeerConnection } } };
      const state = w.videocall?.webrtcStuff?.pc?.iceConnectionState;
      return Boolean(w.yourusername) && (state === 'connected' || state === 'completed');
    });
  },

  async leave(ctx) {
    // unregistered with the session: a next trial's caller must wait for the name again
    registered.delete(registrationKey(ctx, ctx.participant.name));
    await destroyJanusSession(ctx);
  },
};
