/**
 * Janus VideoCall through its official demo page: the 1:1 call of a teleconsultation. Both participants
 * of a room register their name (Start, name, Register); the first of the room waits for the call and
 * answers it, the second calls the first. One PeerConnection per participant carries both directions,
 * relayed by Janus, where a VideoRoom needs one to publish and one per remote feed.
 *
 * Rooms hold exactly 2 (`capabilities.roomSize`): the scenario loader refuses anything else. Names are
 * registered plugin-wide, so they are the participants' own names (letters and digits), or a spare
 * when an earlier call still holds one (see `register`).
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

/** how many other names a participant tries when Janus says its own is taken */
const SPARE_NAMES = 3;

/**
 * Names registered by the participants this process drives, by deployment, and the name each one got
 * (its own, or a spare when its own was taken): a caller waits for its callee here instead of calling
 * into the void, and calls the name it got. Each refused call costs the page a microphone opened and
 * dropped, an offer and an alert to close, at the busiest moment of a run. The retry stays for a callee
 * driven elsewhere, which is called by its own name.
 */
interface Registration {
  done: Promise<string>;
  resolve: (registeredAs: string) => void;
  /** set once resolved: a participant of the same name registering anew replaces a resolved entry */
  registeredAs?: string;
}
const registered = new Map<string, Registration>();
const registrationKey = (ctx: JoinContext, name: string): string => `${ctx.platform.url}|${name}`;
function registrationOf(ctx: JoinContext, name: string): Registration {
  const key = registrationKey(ctx, name);
  let entry = registered.get(key);
  if (!entry) {
    let resolve: (registeredAs: string) => void = () => undefined;
    const done = new Promise<string>((r) => {
      resolve = r;
    });
    entry = { done, resolve };
    registered.set(key, entry);
  }
  return entry;
}
/** a participant starting to register: its entry, fresh unless callers already wait on it */
function newRegistration(ctx: JoinContext, name: string): Registration {
  if (registered.get(registrationKey(ctx, name))?.registeredAs !== undefined) registered.delete(registrationKey(ctx, name));
  const entry = registrationOf(ctx, name);
  const resolve = entry.resolve;
  entry.resolve = (registeredAs) => {
    entry.registeredAs = registeredAs;
    resolve(registeredAs);
  };
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

async function closeAlert(ctx: JoinContext, step: string): Promise<void> {
  await clickWhenReady(ctx, step, SELECTORS.alertOk);
  // gone from the page, not only hidden: a hidden alert still holds the text the next answer is read from
  await ctx.page
    .waitForFunction((alertText: string) => !document.querySelector(alertText), { timeout: ctx.timeoutMs, polling: 100 }, SELECTORS.alertText)
    .catch(() => undefined);
}

/** call the peer; until it has registered Janus answers "doesn't exist", so retry within the join budget */
async function call(ctx: JoinContext, peer: string): Promise<void> {
  const deadline = Date.now() + ctx.timeoutMs;
  // a callee this process drives calls back when registered; another one is called after the same wait
  let timer: NodeJS.Timeout | undefined;
  const registeredAs = await Promise.race([
    registrationOf(ctx, peer).done,
    new Promise<string>((resolve) => (timer = setTimeout(() => resolve(peer), ctx.timeoutMs / 2))),
  ]);
  clearTimeout(timer);
  await ctx.mark('joinAction');
  for (;;) {
    await typeWhenReady(ctx, 'call', SELECTORS.peer, registeredAs);
    await clickWhenReady(ctx, 'call', SELECTORS.call);
    const state = await callState(ctx, deadline - Date.now());
    if (state === 'calling' || state === 'accepted') return;
    if (!/doesn't exist/.test(state) || Date.now() + RETRY_PAUSE_MS >= deadline) {
      throw new JoinStepError('call', `Janus refused the call to ${registeredAs}: ${state}`);
    }
    await closeAlert(ctx, 'call');
    await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
  }
}

/**
 * Register the participant's name; when Janus says it is taken, register a spare one (the name, "r" and 4
 * random letters or digits), as the demo lets a user do. A taken name is a call that did not hang up: an
 * earlier trial's page that closed before Janus heard its session end, which Janus drops only when the
 * session times out (60 s in the lab), while the next trial starts within seconds.
 */
async function register(ctx: JoinContext): Promise<string> {
  const own = ctx.participant.name;
  const refusals: string[] = [];
  for (let attempt = 0; ; attempt += 1) {
    const name = attempt === 0 ? own : `${own}r${Math.random().toString(36).slice(2, 6).padEnd(4, '0')}`;
    await typeWhenReady(ctx, 'enter-name', SELECTORS.username, name);
    await clickWhenReady(ctx, 'register', SELECTORS.register);
    const answer = await registration(ctx);
    if (answer === 'registered') return name;
    refusals.push(`${name}: ${answer}`);
    if (!/already taken/.test(answer) || attempt >= SPARE_NAMES) {
      const hint = /already taken/.test(answer) ? ' (calls that did not hang up: Janus drops them when their session times out)' : '';
      throw new JoinStepError('register', `Janus refused the name${refusals.length > 1 ? 's' : ''} ${refusals.join('; ')}${hint}`);
    }
    await closeAlert(ctx, 'register');
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
    const entry = newRegistration(ctx, ctx.participant.name);
    entry.resolve(await register(ctx));
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
