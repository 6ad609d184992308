/**
 * LiveKit Meet (livekit-examples/meet), and the lab's LiveKit meeting page made of the same components at
 * the same addresses. Two forms: the prejoin form of /rooms/<room> (type a name, "Join Room"; the page asks
 * its /api/connection-details for a token), or /custom?liveKitUrl=…&token=… with a token the adapter gets
 * per participant: minted from an API key/secret held in environment variables, asked of the deployment's
 * own connection-details route (`connectionDetails`), or one given token.
 * Joined signal: the room's own state, `window.__lk_room.state === 'connected'` (Meet's DebugMode; the lab
 * page exposes it the same way), and the conference layout. A page that cannot connect says why in a
 * dialog (Meet alerts): the join then fails at "connect" with LiveKit's words instead of a timeout.
 * Listeners (receivers) join with camera and microphone off, the choice PreJoin keeps in localStorage.
 * A screen share goes through the ControlBar's own button (screen-share.ts).
 */
import { z } from 'zod';
import { JoinStepError } from '../../errors.ts';
import { clickWhenReady, navigateStep, shortReason, typeWhenReady, waitForExpression, waitForSelectorStep } from '../join-steps.ts';
import type { Page } from 'puppeteer-core';
import type { JoinContext, PlatformAdapter } from '../platform-adapter.ts';
import { redactTokens } from '../redact-tokens.ts';
import { mintAccessToken } from './access-token.ts';
import { PAGE_STATE, SELECTORS } from './selectors.ts';

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name (A-Z, 0-9, _)');

export const livekitOptionsSchema = z
  .strictObject({
    mode: z.enum(['prejoin', 'token']).default('prejoin').describe('"prejoin": the /rooms/<room> form; "token": /custom with a token URL'),
    roomPrefix: z
      .string()
      .regex(/^[A-Za-z0-9._-]*$/)
      .default('meetbench-')
      .describe('room name prefix for numbered rooms (room 2 → meetbench-2)'),
    serverUrl: z
      .string()
      .regex(/^wss?:\/\//, 'a ws:// or wss:// URL')
      .optional()
      .describe('LiveKit server URL for the token form (liveKitUrl=)'),
    apiKeyEnv: envName.optional().describe('environment variable holding the API key (token form: tokens minted per participant)'),
    apiSecretEnv: envName.optional().describe('environment variable holding the API secret'),
    tokenEnv: envName.optional().describe('environment variable holding one ready token (all participants share its identity)'),
    connectionDetails: z
      .string()
      .regex(/^\//, 'a path on the deployment, starting with /')
      .optional()
      .describe(
        "token form: ask this path of the deployment for each participant's token and server URL, as Meet's own page does (/api/connection-details on Meet and on the lab)",
      ),
    codec: z.enum(['vp8', 'vp9', 'h264', 'av1']).optional().describe("codec= query parameter (Meet defaults to vp9, the lab page to LiveKit's vp8)"),
    singlePC: z.boolean().optional().describe('singlePC= query parameter (one peer connection for publish and subscribe)'),
  })
  .refine(
    (o) =>
      o.mode !== 'token' ||
      o.connectionDetails !== undefined ||
      (o.serverUrl !== undefined && (o.tokenEnv !== undefined || (o.apiKeyEnv !== undefined && o.apiSecretEnv !== undefined))),
    {
      message: 'mode "token" needs connectionDetails, or serverUrl with either tokenEnv or apiKeyEnv + apiSecretEnv',
      path: ['mode'],
    },
  );
type LivekitOptions = z.output<typeof livekitOptionsSchema>;

const options = (ctx: JoinContext): LivekitOptions => livekitOptionsSchema.parse(ctx.platform.options);
const roomName = (room: string, prefix: string): string => (/^\d+$/.test(room) ? `${prefix}${room}` : room);

function extraQuery(opts: LivekitOptions): string {
  const params: string[] = [];
  if (opts.codec) params.push(`codec=${opts.codec}`);
  if (opts.singlePC !== undefined) params.push(`singlePC=${opts.singlePC}`);
  return params.join('&');
}

interface Connection {
  serverUrl: string;
  token: string;
}

async function connection(ctx: JoinContext, opts: LivekitOptions, base: string, room: string): Promise<Connection> {
  if (opts.connectionDetails) return askConnectionDetails(ctx, `${base}${opts.connectionDetails}`, room);
  const serverUrl = opts.serverUrl ?? '';
  if (opts.tokenEnv) {
    const given = ctx.secret(opts.tokenEnv);
    if (!given) throw new JoinStepError('token', `environment variable ${opts.tokenEnv} is not set`);
    return { serverUrl, token: given };
  }
  const apiKey = ctx.secret(opts.apiKeyEnv ?? '');
  const apiSecret = ctx.secret(opts.apiSecretEnv ?? '');
  if (!apiKey || !apiSecret) throw new JoinStepError('token', `environment variables ${opts.apiKeyEnv} and ${opts.apiSecretEnv} must both be set`);
  const token = mintAccessToken({
    apiKey,
    apiSecret,
    identity: ctx.participant.name,
    name: ctx.participant.name,
    room,
    canPublish: ctx.participant.role === 'sender',
  });
  return { serverUrl, token };
}

/** The answer of Meet's connection-details route: { serverUrl, participantToken }, or { error }. */
async function askConnectionDetails(ctx: JoinContext, endpoint: string, room: string): Promise<Connection> {
  const url = `${endpoint}?roomName=${encodeURIComponent(room)}&participantName=${encodeURIComponent(ctx.participant.name)}`;
  let body: { serverUrl?: string; participantToken?: string; error?: string };
  let status: number;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(Math.max(1, ctx.timeoutMs)) });
    status = response.status;
    body = (await response.json()) as typeof body;
  } catch (error) {
    throw new JoinStepError('token', `${endpoint} did not answer with connection details (${shortReason(error)})`);
  }
  if (status !== 200 || !body.serverUrl || !body.participantToken)
    throw new JoinStepError('token', `${endpoint} answered HTTP ${status}${body.error ? `: ${body.error}` : ' without a token'}`);
  return { serverUrl: body.serverUrl, token: body.participantToken };
}

/** Dialogs a page opened (Meet alerts when it cannot connect), kept per page and dismissed so the page goes on. */
const dialogs = new WeakMap<Page, string[]>();

function watchDialogs(page: Page): void {
  if (dialogs.has(page)) return;
  const said: string[] = [];
  dialogs.set(page, said);
  page.on('dialog', (dialog) => {
    // LiveKit quotes a refused token whole in its error
    said.push(redactTokens(dialog.message()));
    dialog.dismiss().catch(() => undefined);
  });
}

/** Resolves never; rejects with the page's own words as soon as it opens a dialog. */
function failOnDialog(ctx: JoinContext, stop: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    const check = (): void => {
      const said = dialogs.get(ctx.page)?.[0];
      if (said) reject(new JoinStepError('connect', `the page says: ${said}`));
      else if (!stop.aborted) setTimeout(check, 100);
    };
    check();
  });
}

export const livekitMeetAdapter: PlatformAdapter = {
  id: 'livekit-meet',
  title: 'LiveKit Meet',
  description:
    'LiveKit Meet, and the lab LiveKit through a page of the same components: the prejoin form, or the /custom token URL with a token per participant (minted from an API key and secret, or asked of the connection-details route).',
  // screenShare stays false: the share goes through the ControlBar and reaches every receiver, but on the lab
  // the sharer's camera rate read 663 kbit/s beside the share (105 without it): until the share's simulcast
  // layers are told apart from the camera's for sure, a scenario asking for a share here is refused
  capabilities: { send: true, receiveOnly: true, rooms: true, screenShare: false, lab: true },
  optionsSchema: livekitOptionsSchema as unknown as z.ZodType<Record<string, unknown>>,
  // LiveKit is an SFU: every stream relayed, audio included (no mixing)
  mediaModel: () => 'sfu',
  // the ControlBar's own share button; receivers know the share by its publication's source (screen-share.ts)
  // the share's path is written (./screen-share.ts: start, and how receivers know the share) and not wired, as said above

  async beforeNavigation(ctx) {
    watchDialogs(ctx.page);
    if (ctx.participant.role === 'sender') return;
    // receivers: PreJoin reads its choices from localStorage `lk-user-choices`; camera and mic off
    await ctx.page.evaluateOnNewDocument((name: string) => {
      try {
        localStorage.setItem(
          'lk-user-choices',
          JSON.stringify({ videoEnabled: false, audioEnabled: false, videoDeviceId: '', audioDeviceId: '', username: name }),
        );
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
      const { serverUrl, token } = await connection(ctx, opts, base, room);
      const query = `liveKitUrl=${encodeURIComponent(serverUrl)}&token=`;
      const url = `${base}/custom?${query}${encodeURIComponent(token)}${extra ? `&${extra}` : ''}`;
      await navigateStep(ctx, url, 'navigate', `${base}/custom?${query}***`);
      await ctx.mark('uiReady');
      // the token URL joins by itself as it loads: opening it is the join action, at the page's start (a
      // mark after the load came after the connection had begun, and signalling then read 0 ms)
      await ctx.mark('joinAction', 0);
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
    const stop = new AbortController();
    try {
      await Promise.race([waitForExpression(ctx, 'joined-signal', PAGE_STATE.connected), failOnDialog(ctx, stop.signal)]);
    } finally {
      stop.abort();
    }
    await waitForSelectorStep(ctx, 'conference', SELECTORS.conference);
  },

  async meetingState(ctx) {
    const state = await ctx.page.evaluate(PAGE_STATE.roomState).catch(() => 'gone (the page no longer answers)');
    if (state === 'connected') return null;
    const said = dialogs.get(ctx.page) ?? [];
    return `the room's state is "${String(state)}"${said.length > 0 ? `; the page said: ${said.join(' / ')}` : ''}`;
  },

  async leave(ctx) {
    const clicked = await ctx.page
      .$(SELECTORS.disconnect)
      .then(async (h) => (h ? (await h.click(), true) : false))
      .catch(() => false);
    if (!clicked) await ctx.page.evaluate('window.__lk_room && window.__lk_room.disconnect && window.__lk_room.disconnect()');
  },
};
