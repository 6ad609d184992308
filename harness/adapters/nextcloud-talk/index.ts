/**
 * Nextcloud Talk: a guest on a public conversation link (types a name in the welcome window), or a
 * logged-in user (credentials from environment variables). Then "Join call" in the top bar, and the
 * "Check devices" dialog's own join button when it shows (the adapter asks Talk to skip it through its
 * browser storage). Joined signal: the call view (`#call-container`) with the leave button, join gone.
 * Listeners (receivers) join with microphone and camera off, the choice Talk remembers per conversation in
 * its browser storage, as its "Check devices" toggles leave it: Talk then disables its local audio and video.
 */
import { z } from 'zod';
import { JoinStepError } from '../../errors.ts';
import { clickWhenReady, navigateStep, shortReason, typeWhenReady, waitForExpression } from '../join-steps.ts';
import type { JoinContext, PlatformAdapter } from '../platform-adapter.ts';
import { SELECTORS, SHOW_MEDIA_SETTINGS_KEY, mediaDisabledKeys } from './selectors.ts';

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name (A-Z, 0-9, _)');

export const nextcloudOptionsSchema = z.strictObject({
  conversations: z
    .record(z.string(), z.string().regex(/^[A-Za-z0-9]+$/))
    .describe('conversation token per room, e.g. {"1": "abc123de"} (the part after /call/)'),
  prettyUrls: z.boolean().default(false).describe('the server hides index.php (/call/<token> instead of /index.php/call/<token>)'),
  usernameEnv: envName.optional().describe('environment variable holding a Nextcloud user name; without it participants join as guests'),
  passwordEnv: envName.optional().describe("environment variable holding that user's password (or app password)"),
  skipDeviceCheck: z.boolean().default(true).describe('set Talk\'s showMediaSettings=false in browser storage so "Check devices" does not show'),
  selectors: z
    .strictObject({
      loginUser: z.string().min(1).optional().describe('login form user field'),
      loginPassword: z.string().min(1).optional().describe('login form password field'),
      loginSubmit: z.string().min(1).optional().describe('login form submit button'),
    })
    .default({})
    .describe('overrides for the core login page, which varies across Nextcloud versions'),
});
type NextcloudOptions = z.output<typeof nextcloudOptionsSchema>;

const options = (ctx: JoinContext): NextcloudOptions => nextcloudOptionsSchema.parse(ctx.platform.options);

function conversationPath(ctx: JoinContext, opts: NextcloudOptions): string {
  const token = opts.conversations[ctx.participant.room];
  if (!token) throw new JoinStepError('navigate', `no conversation token for room ${ctx.participant.room} in options.conversations`);
  return `${opts.prettyUrls ? '' : '/index.php'}/call/${token}`;
}

async function logIn(ctx: JoinContext, opts: NextcloudOptions, destination: string): Promise<void> {
  const user = ctx.secret(opts.usernameEnv ?? '');
  const password = opts.passwordEnv ? ctx.secret(opts.passwordEnv) : undefined;
  if (user === undefined || password === undefined) {
    throw new JoinStepError('login', `environment variables ${opts.usernameEnv} and ${opts.passwordEnv ?? '(passwordEnv not set)'} must both be set`);
  }
  const base = ctx.platform.url.replace(/\/+$/, '');
  await navigateStep(ctx, `${base}${opts.prettyUrls ? '' : '/index.php'}/login?redirect_url=${encodeURIComponent(destination)}`, 'login');
  const s = { ...SELECTORS, ...opts.selectors };
  await typeWhenReady(ctx, 'login', s.loginUser, user);
  await typeWhenReady(ctx, 'login', s.loginPassword, password);
  await clickWhenReady(ctx, 'login', s.loginSubmit);
  try {
    await ctx.page.waitForFunction(
      (path: string) => location.pathname.endsWith(path),
      { timeout: ctx.timeoutMs, polling: 100 },
      destination.replace(/^\/index\.php/, ''),
    );
  } catch (error) {
    throw new JoinStepError('login', `still not on the conversation after logging in: wrong credentials? (${shortReason(error)})`, s.loginSubmit);
  }
}

export const nextcloudTalkAdapter: PlatformAdapter = {
  id: 'nextcloud-talk',
  title: 'Nextcloud Talk',
  description: 'Nextcloud Talk web client: guest on a public conversation link, or a user logged in with credentials from environment variables.',
  capabilities: { send: true, receiveOnly: true, rooms: true, screenShare: false, lab: false },
  optionsSchema: nextcloudOptionsSchema,

  async beforeNavigation(ctx) {
    const opts = options(ctx);
    const token = opts.conversations[ctx.participant.room];
    const settings: Record<string, string> = {
      ...(opts.skipDeviceCheck ? { [SHOW_MEDIA_SETTINGS_KEY]: 'false' } : {}),
      ...(ctx.participant.role === 'receiver' && token ? Object.fromEntries(mediaDisabledKeys(token).map((key) => [key, 'true'])) : {}),
    };
    if (Object.keys(settings).length === 0) return;
    await ctx.page.evaluateOnNewDocument((entries: Record<string, string>) => {
      try {
        for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
      } catch {
        // storage refused (opaque origin such as about:blank): the dialog fallback handles it
      }
    }, settings);
  },

  async join(ctx) {
    const opts = options(ctx);
    const path = conversationPath(ctx, opts);
    const base = ctx.platform.url.replace(/\/+$/, '');
    if (opts.usernameEnv) await logIn(ctx, opts, path);
    else await navigateStep(ctx, `${base}${path}`);
    if (!opts.usernameEnv) {
      await typeWhenReady(ctx, 'guest-name', SELECTORS.guestName, ctx.participant.name);
      await clickWhenReady(ctx, 'guest-name', SELECTORS.guestSubmit);
    }
    await ctx.page.waitForSelector(`${SELECTORS.joinCall}:not([disabled])`, { visible: true, timeout: ctx.timeoutMs }).catch(() => undefined);
    await ctx.mark('uiReady');
    await ctx.mark('joinAction');
    await clickWhenReady(ctx, 'join-call', SELECTORS.joinCall);
  },

  async joinedSignal(ctx) {
    const inCall = `!!document.querySelector(${JSON.stringify(SELECTORS.callContainer)}) && !!document.querySelector(${JSON.stringify(SELECTORS.leaveCall)})`;
    const dialog = `!!document.querySelector(${JSON.stringify(SELECTORS.mediaSettingsJoin)})`;
    let state: string;
    try {
      const handle = await ctx.page.waitForFunction(`(${inCall}) ? 'in-call' : ((${dialog}) ? 'dialog' : false)`, { timeout: ctx.timeoutMs, polling: 100 });
      state = (await handle.jsonValue()) as string;
    } catch (error) {
      throw new JoinStepError(
        'joined-signal',
        `waiting for ${SELECTORS.callContainer} and ${SELECTORS.leaveCall} (${shortReason(error)})`,
        SELECTORS.callContainer,
      );
    }
    if (state === 'dialog') {
      // "Check devices" showed anyway (storage key not honoured by this version): join from the dialog
      await clickWhenReady(ctx, 'media-settings', SELECTORS.mediaSettingsJoin);
      await waitForExpression(ctx, 'joined-signal', inCall);
    }
  },

  async leave(ctx) {
    await clickWhenReady({ ...ctx, timeoutMs: 2000 }, 'leave', SELECTORS.leaveCall);
  },
};
