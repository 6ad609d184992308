/**
 * LiveKit Meet (livekit-examples/meet). Two forms: the prejoin form of /rooms/<room> (type a name, "Join
 * Room"; Meet asks its own token endpoint), or /custom?liveKitUrl=…&token=… with a token the adapter mints
 * per participant from an API key/secret held in environment variables (or one given token). Joined signal:
 * `window.__lk_room.state === 'connected'` (Meet's DebugMode) and the conference layout.
 */
import { z } from 'zod';
import { JoinStepError } from '../../errors.ts';
import { clickWhenReady, navigateStep, typeWhenReady, waitForExpression, waitForSelectorStep } from '../join-steps.ts';
import type { JoinContext, PlatformAdapter } from '../platform-adapter.ts';
import { mintAccessToken } from './access-token.ts';
import { PAGE_STATE, SELECTORS } from './selectors.ts';

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name (A-Z, 0-9, _)');

export const livekitOptionsSchema = z
  .strictObject({
    mode: z.enum(['prejoin', 'token']).default('prejoin').describe('"prejoin": the /rooms/<room> form; "token": /custom with a token URL'),
    roomPrefix: z.string().regex(/^[A-Za-z0-9._-]*$/).default('meetbench-').describe('room name prefix for numbered rooms (room 2 → meetbench-2)'),
    serverUrl: z.string().regex(/^wss?:\/\//, 'a ws:// or wss:// URL').optional().describe('LiveKit server URL for the token form (liveKitUrl=)'),
    apiKeyEnv: envName.optional().describe('environment variable holding the API key (token form: tokens minted per participant)'),
    apiSecretEnv: envName.optional().describe('environment variable holding the API secret'),
    tokenEnv: envName.optional().describe('environment variable holding one ready token (all participants share its identity)'),
    codec: z.enum(['vp8', 'vp9', 'h264', 'av1']).optional().describe('codec= query parameter (Meet defaults to vp9)'),
    singlePC: z.boolean().optional().describe('singlePC= query parameter (one peer connection for publish and subscribe)'),
  })
  .refine((o) => o.mode !== 'token' || (o.serverUrl !== undefined && (o.tokenEnv !== undefined || (o.apiKeyEnv !== undefined && o.apiSecretEnv !== undefined))), {
    message: 'mode "token" needs serverUrl and either tokenEnv or apiKeyEnv + apiSecretEnv',
    path: ['mode'],
  });
type LivekitOptions = z.output<typeof livekitOptionsSchema>;

const options = (ctx: JoinContext): LivekitOptions => livekitOptionsSchema.parse(ctx.platform.options);
const roomName = (room: string, prefix: string): string => (/^\d+$/.test(room) ? `${prefix}${room}` : room);

function extraQuery(opts: LivekitOptions): string {
  const params: string[] = [];
  if (opts.codec) params.push(`codec=${opts.codec}`);
  if (opts.singlePC !== undefined) params.push(`singlePC=${opts.singlePC}`);
  return params.join('&');
}

function token(ctx: JoinContext, opts: LivekitOptions, room: string): string {
  if (opts.tokenEnv) {
    const given = ctx.secret(opts.tokenEnv);
    if (!given) throw new JoinStepError('token', `environment variable ${opts.tokenEnv} is not set`);
    return given;
  }
  const apiKey = ctx.secret(opts.apiKeyEnv ?? '');
  const apiSecret = ctx.secret(opts.apiSecretEnv ?? '');
  if (!apiKey || !apiSecret) throw new JoinStepError('token', `environment variables ${opts.apiKeyEnv} and ${opts.apiSecretEnv} must both be set`);
  return mintAccessToken({ apiKey, apiSecret, identity: ctx.participant.name, name: ctx.participant.name, room, canPublish: ctx.participant.role === 'sender' });
}

export const livekitMeetAdapter: PlatformAdapter = {
  id: 'livekit-meet',
  title: 'LiveKit Meet',
  description: 'LiveKit Meet example app: the prejoin form, or the /custom token URL with tokens minted per participant from an API key and secret.',
  capabilities: { send: true, receiveOnly: true, rooms: true, screenShare: false, lab: false },
  optionsSchema: livekitOptionsSchema as unknown as z.ZodType<Record<string, unknown>>,

  async beforeNavigation(ctx) {
    if (ctx.participant.role === 'sender') return;
    // receivers: PreJoin reads its choices from localStorage `lk-user-choices`; camera and mic off
    await ctx.page.evaluateOnNewDocument((name: string) => {
      try {
        localStorage.setItem('lk-user-choices', JSON.stringify({ videoEnabled: false, audioEnabled: false, videoDeviceId: '', audioDeviceId: '', username: name }));
      } catch {
        // opaque origin (about:blank)
      }
    }, ctx.participant.name);
  },

  async join(ctx) {
    const opts = options(ctx);
    const base = ctx.platform.url.replace(/\/+$/, '');
    const room = roomName(ctx.participant.room, opts.roomPrefix);
    const extra = extraQuery(opts);
    if (opts.mode === 'token') {
      const query = `liveKitUrl=${encodeURIComponent(opts.serverUrl ?? '')}&token=`;
      const url = `${base}/custom?${query}${encodeURIComponent(token(ctx, opts, room))}${extra ? `&${extra}` : ''}`;
      await navigateStep(ctx, url, 'navigate', `${base}/custom?${query}***`);
      await ctx.mark('uiReady');
      await ctx.mark('joinAction');
      return;
    }
    await navigateStep(ctx, `${base}/rooms/${encodeURIComponent(room)}${extra ? `?${extra}` : ''}`);
    await waitForSelectorStep(ctx, 'prejoin', SELECTORS.prejoin);
    await ctx.mark('uiReady');
    await typeWhenReady(ctx, 'prejoin-name', SELECTORS.username, ctx.participant.name);
    await ctx.mark('joinAction');
    await clickWhenReady(ctx, 'prejoin-join', SELECTORS.joinButton);
  },

  async joinedSignal(ctx) {
    await waitForExpression(ctx, 'joined-signal', PAGE_STATE.connected);
    await waitForSelectorStep(ctx, 'conference', SELECTORS.conference);
  },

  async leave(ctx) {
    const clicked = await ctx.page.$(SELECTORS.disconnect).then(async (h) => (h ? (await h.click(), true) : false)).catch(() => false);
    if (!clicked) await ctx.page.evaluate('window.__lk_room && window.__lk_room.disconnect && window.__lk_room.disconnect()');
  },
};
