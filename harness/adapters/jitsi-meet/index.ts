/**
 * Jitsi Meet. Joins through the URL hash configuration (prejoin off, display name, P2P off so every
 * participant's media goes through the videobridge and numbers compare across platforms); when a
 * deployment ignores the hash (prejoin forced on) it falls back to the prejoin form; a password-protected
 * lobby gets the password from an environment variable. Joined signal: the client's own state,
 * `APP.conference.isJoined()` plus `APP.conference.getConnectionState() === 'connected'`.
 */
import { z } from 'zod';
import { JoinStepError } from '../../errors.ts';
import { clickWhenReady, navigateStep, shortReason, typeWhenReady, waitForExpression } from '../join-steps.ts';
import type { JoinContext, PlatformAdapter } from '../platform-adapter.ts';
import { jitsiUrl, roomName } from './hash-config.ts';
import { PAGE_STATE, SELECTORS } from './selectors.ts';

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name (A-Z, 0-9, _)');

export const jitsiOptionsSchema = z.strictObject({
  roomPrefix: z
    .string()
    .regex(/^[A-Za-z0-9._-]*$/)
    .default('meetbench-')
    .describe('room name prefix for numbered rooms (room 2 → meetbench-2)'),
  tenant: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/)
    .optional()
    .describe('tenant path segment before the room (multi-tenant deployments)'),
  p2p: z.boolean().default(false).describe('allow the peer-to-peer connection of 2-party calls (off: media always through the bridge, comparable numbers)'),
  prejoin: z
    .enum(['skip', 'form'])
    .default('skip')
    .describe('"skip" turns prejoin off in the URL hash (falls back to the form if shown anyway); "form" fills the prejoin form'),
  passwordEnv: envName.optional().describe('environment variable holding the room password (lobby / password-protected rooms)'),
  jwtEnv: envName.optional().describe('environment variable holding a JWT for token-authenticated deployments (?jwt=)'),
  extraConfig: z
    .record(z.string(), z.unknown())
    .default({})
    .describe('more hash config keys, e.g. {"channelLastN": 4}; only keys of configWhitelist.ts take effect'),
});
type JitsiOptions = z.output<typeof jitsiOptionsSchema>;

const options = (ctx: JoinContext): JitsiOptions => jitsiOptionsSchema.parse(ctx.platform.options);

/** Which screen the client shows first: the conference, the prejoin form or the lobby. */
const FIRST_SCREEN = `(() => {
  if (document.querySelector(${JSON.stringify(SELECTORS.lobbyEnterPassword)})) return 'lobby';
  if (document.querySelector(${JSON.stringify(SELECTORS.prejoinScreen)})) return 'prejoin';
  if (document.querySelector(${JSON.stringify(SELECTORS.conferencePage)}) || (typeof APP !== 'undefined' && APP.conference && APP.conference.isJoined())) return 'conference';
  return false;
})()`;

async function firstScreen(ctx: JoinContext, step: string, timeoutMs = ctx.timeoutMs): Promise<'lobby' | 'prejoin' | 'conference'> {
  try {
    const handle = await ctx.page.waitForFunction(FIRST_SCREEN, { timeout: timeoutMs, polling: 100 });
    return (await handle.jsonValue()) as 'lobby' | 'prejoin' | 'conference';
  } catch (error) {
    throw new JoinStepError(
      step,
      `neither the conference (${SELECTORS.conferencePage}), the prejoin screen nor the lobby appeared (${shortReason(error)})`,
      SELECTORS.prejoinScreen,
    );
  }
}

async function enterPassword(ctx: JoinContext, opts: JitsiOptions): Promise<void> {
  if (!opts.passwordEnv)
    throw new JoinStepError('lobby-password', 'the room asks for a password; set options.passwordEnv to the variable holding it', SELECTORS.lobbyEnterPassword);
  const password = ctx.secret(opts.passwordEnv);
  if (password === undefined) throw new JoinStepError('lobby-password', `environment variable ${opts.passwordEnv} is not set`, SELECTORS.lobbyPassword);
  await clickWhenReady(ctx, 'lobby-password', SELECTORS.lobbyEnterPassword);
  await typeWhenReady(ctx, 'lobby-password', SELECTORS.lobbyPassword, password);
  await clickWhenReady(ctx, 'lobby-password', SELECTORS.lobbyPasswordJoin);
  // the password is checked by the server: wait for the lobby to go, so the lobby is never handled twice
  try {
    await ctx.page.waitForSelector(SELECTORS.lobbyEnterPassword, { hidden: true, timeout: ctx.timeoutMs });
  } catch (error) {
    throw new JoinStepError(
      'lobby-password',
      `still in the lobby after entering the password: wrong password? (${shortReason(error)})`,
      SELECTORS.lobbyPasswordJoin,
    );
  }
}

export const jitsiMeetAdapter: PlatformAdapter = {
  id: 'jitsi-meet',
  title: 'Jitsi Meet',
  description: 'Jitsi Meet web client: URL hash configuration (prejoin off, P2P off), prejoin form fallback, lobby password from an environment variable.',
  capabilities: { send: true, receiveOnly: true, rooms: true, screenShare: false, lab: false },
  optionsSchema: jitsiOptionsSchema,

  async join(ctx) {
    const opts = options(ctx);
    const jwt = opts.jwtEnv ? ctx.secret(opts.jwtEnv) : undefined;
    if (opts.jwtEnv && jwt === undefined) throw new JoinStepError('navigate', `environment variable ${opts.jwtEnv} is not set`);
    const input = {
      base: ctx.platform.url,
      tenant: opts.tenant,
      room: roomName(ctx.participant.room, opts.roomPrefix),
      displayName: ctx.participant.name,
      prejoin: opts.prejoin === 'form',
      p2p: opts.p2p,
      receiveOnly: ctx.participant.role === 'receiver',
      extraConfig: opts.extraConfig,
      jwt,
    };
    await navigateStep(ctx, jitsiUrl(input), 'navigate', jitsiUrl(input, { hideSecrets: true }));
    const screen = await firstScreen(ctx, 'ui-ready');
    await ctx.mark('uiReady');
    if (screen === 'prejoin') {
      // the hash was not honoured (or the form was asked for): the prejoin form
      await fillPrejoin(ctx);
    } else {
      // with prejoin off, opening the URL is the join action
      await ctx.mark('joinAction');
    }
    if (screen === 'lobby') await enterPassword(ctx, opts);
  },

  async joinedSignal(ctx) {
    const opts = options(ctx);
    // a lobby (or a late prejoin screen) can still show up after the first screen; handle each once
    const handled = new Set<string>();
    for (;;) {
      const state = await nextState(ctx);
      if (state === 'joined') break;
      if (handled.has(state))
        throw new JoinStepError(
          state === 'lobby' ? 'lobby-password' : 'prejoin-join',
          `still on the ${state} screen after acting on it`,
          state === 'lobby' ? SELECTORS.lobbyPasswordJoin : SELECTORS.prejoinJoin,
        );
      handled.add(state);
      if (state === 'lobby') await enterPassword(ctx, opts);
      else await fillPrejoin(ctx);
    }
    await waitForExpression(ctx, 'media-connected', PAGE_STATE.mediaConnected);
  },

  async leave(ctx) {
    const clicked = await ctx.page
      .$(SELECTORS.leave)
      .then(async (h) => (h ? (await h.click(), true) : false))
      .catch(() => false);
    if (!clicked) await ctx.page.evaluate("typeof APP !== 'undefined' && APP.conference && APP.conference.hangup && APP.conference.hangup()");
  },
};

async function fillPrejoin(ctx: JoinContext): Promise<void> {
  await typeWhenReady(ctx, 'prejoin-name', SELECTORS.prejoinName, ctx.participant.name);
  await ctx.mark('joinAction');
  await clickWhenReady(ctx, 'prejoin-join', SELECTORS.prejoinJoin);
  // wait for the prejoin screen to go, so the next state read does not see it again
  try {
    await ctx.page.waitForSelector(SELECTORS.prejoinScreen, { hidden: true, timeout: ctx.timeoutMs });
  } catch (error) {
    throw new JoinStepError('prejoin-join', `the prejoin screen stayed after clicking (${shortReason(error)})`, SELECTORS.prejoinJoin);
  }
}

const NEXT_STATE = `(() => {
  try { if (${PAGE_STATE.joined}) return 'joined'; } catch (e) { /* APP not there yet */ }
  if (document.querySelector(${JSON.stringify(SELECTORS.lobbyEnterPassword)})) return 'lobby';
  if (document.querySelector(${JSON.stringify(SELECTORS.prejoinScreen)})) return 'prejoin';
  return false;
})()`;

async function nextState(ctx: JoinContext): Promise<'joined' | 'lobby' | 'prejoin'> {
  try {
    const handle = await ctx.page.waitForFunction(NEXT_STATE, { timeout: ctx.timeoutMs, polling: 100 });
    return (await handle.jsonValue()) as 'joined' | 'lobby' | 'prejoin';
  } catch (error) {
    throw new JoinStepError('joined-signal', `waiting for ${PAGE_STATE.joined} (${shortReason(error)})`);
  }
}
