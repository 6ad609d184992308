/**
 * Zimbra Connect / Zextras Team and Carbonio meetings: log in to the web client with credentials from
 * environment variables, open the meeting, (sender) turn the camera on, enter the meeting. The products are
 * closed source or only partly documented, so every selector and URL has a default (defaults.ts, from the
 * Carbonio facts where they exist) that options.selectors / options.urls override.
 * Joined signal: the meeting view (`meeting_view_container` in Carbonio) plus, by the runner, a connected
 * peer connection with outbound media.
 */
import { z } from 'zod';
import { JoinStepError } from '../../errors.ts';
import { clickWhenReady, navigateStep, shortReason, typeWhenReady, waitForExpression, waitForSelectorStep } from '../join-steps.ts';
import type { JoinContext, PlatformAdapter } from '../platform-adapter.ts';
import { DEFAULT_SELECTORS, DEFAULT_URLS, SELECTOR_KEYS, type SelectorKey } from './defaults.ts';

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name (A-Z, 0-9, _)');
const selectorOverrides = Object.fromEntries(SELECTOR_KEYS.map((k) => [k, z.string().min(1).optional().describe(`CSS selector for ${k}`)])) as Record<SelectorKey, z.ZodOptional<z.ZodString>>;

export const zimbraOptionsSchema = z.strictObject({
  flavor: z.enum(['carbonio', 'zimbra-connect']).default('carbonio').describe('which product\'s defaults to start from'),
  usernameEnv: envName.describe('environment variable holding the account name (e.g. bench1@example.org)'),
  passwordEnv: envName.describe('environment variable holding its password'),
  meetings: z.record(z.string(), z.string().min(1)).describe('meeting id (Carbonio) or full meeting URL (Zimbra Connect instant meeting) per room, e.g. {"1": "5f1c…"}'),
  login: z.boolean().default(true).describe('log in first (false: the browser is expected to be signed in already, e.g. SSO)'),
  enableCamera: z.boolean().default(true).describe('senders click the camera button on the access page before entering'),
  urls: z
    .strictObject({
      login: z.string().optional().describe('login URL template ({origin}, {destination})'),
      meeting: z.string().optional().describe('meeting URL template ({origin}, {meeting}, {room})'),
    })
    .default({})
    .describe('URL template overrides'),
  selectors: z.strictObject(selectorOverrides).default({}).describe('selector overrides, one per step'),
  joinedExpression: z.string().optional().describe('a JS expression that is true once in the meeting, checked after the in-meeting selector'),
});
type ZimbraOptions = z.output<typeof zimbraOptionsSchema>;

const options = (ctx: JoinContext): ZimbraOptions => zimbraOptionsSchema.parse(ctx.platform.options);

function selectors(opts: ZimbraOptions): Record<SelectorKey, string> {
  const defined = Object.fromEntries(Object.entries(opts.selectors).filter(([, v]) => v !== undefined)) as Partial<Record<SelectorKey, string>>;
  return { ...DEFAULT_SELECTORS[opts.flavor], ...defined };
}

export function meetingUrl(platformUrl: string, opts: Pick<ZimbraOptions, 'flavor' | 'meetings' | 'urls'>, room: string): string {
  const meeting = opts.meetings[room];
  if (!meeting) throw new JoinStepError('navigate', `no meeting for room ${room} in options.meetings`);
  const origin = new URL(platformUrl).origin;
  if (/^https?:\/\//.test(meeting)) return meeting;
  return (opts.urls.meeting ?? DEFAULT_URLS[opts.flavor].meeting).replaceAll('{origin}', origin).replaceAll('{meeting}', encodeURIComponent(meeting)).replaceAll('{room}', encodeURIComponent(room));
}

export function loginUrl(platformUrl: string, opts: Pick<ZimbraOptions, 'flavor' | 'urls'>, destination: string): string {
  const origin = new URL(platformUrl).origin;
  return (opts.urls.login ?? DEFAULT_URLS[opts.flavor].login).replaceAll('{origin}', origin).replaceAll('{destination}', encodeURIComponent(destination));
}

async function logIn(ctx: JoinContext, opts: ZimbraOptions, s: Record<SelectorKey, string>, destination: string): Promise<void> {
  const user = ctx.secret(opts.usernameEnv);
  const password = ctx.secret(opts.passwordEnv);
  if (user === undefined || password === undefined) throw new JoinStepError('login', `environment variables ${opts.usernameEnv} and ${opts.passwordEnv} must both be set`);
  await navigateStep(ctx, loginUrl(ctx.platform.url, opts, destination), 'login-page');
  await typeWhenReady(ctx, 'login', s.loginUser, user);
  await typeWhenReady(ctx, 'login', s.loginPassword, password);
  await clickWhenReady(ctx, 'login', s.loginSubmit);
  // the login page goes away (redirect to the destination) or shows its error
  const expr = `document.querySelector(${JSON.stringify(s.loginError)}) ? 'error' : (!document.querySelector(${JSON.stringify(s.loginUser)}) ? 'gone' : false)`;
  let state: string;
  try {
    state = (await (await ctx.page.waitForFunction(expr, { timeout: ctx.timeoutMs, polling: 100 })).jsonValue()) as string;
  } catch (error) {
    throw new JoinStepError('login', `the login form stayed after submitting (${shortReason(error)})`, s.loginSubmit);
  }
  if (state === 'error') throw new JoinStepError('login', 'the login page reports an error (wrong credentials?)', s.loginError);
}

export const zimbraConnectAdapter: PlatformAdapter = {
  id: 'zimbra-connect',
  title: 'Zimbra Connect / Zextras Team / Carbonio',
  description: 'Zimbra Connect, Zextras Team and Carbonio meetings: log in with credentials from environment variables, open the meeting, enter it; every selector and URL overridable.',
  capabilities: { send: true, receiveOnly: true, rooms: true, screenShare: false, lab: false },
  optionsSchema: zimbraOptionsSchema,

  async join(ctx) {
    const opts = options(ctx);
    const s = selectors(opts);
    const destination = meetingUrl(ctx.platform.url, opts, ctx.participant.room);
    if (opts.login) await logIn(ctx, opts, s, destination);
    // after the login redirect we may already be there; otherwise open the meeting
    const here = ctx.page.url().split('#')[0];
    if (!opts.login || here !== destination) await navigateStep(ctx, destination, 'open-meeting');
    await waitForSelectorStep(ctx, 'access-page', s.accessPage);
    await ctx.mark('uiReady');
    if (ctx.participant.role === 'sender' && opts.enableCamera) await clickWhenReady(ctx, 'camera', s.cameraButton);
    await ctx.mark('joinAction');
    await clickWhenReady(ctx, 'enter-meeting', s.enterMeeting);
  },

  async joinedSignal(ctx) {
    const opts = options(ctx);
    await waitForSelectorStep(ctx, 'joined-signal', selectors(opts).inMeeting);
    if (opts.joinedExpression) await waitForExpression(ctx, 'joined-signal', opts.joinedExpression);
  },

  async leave(ctx) {
    await clickWhenReady({ ...ctx, timeoutMs: 2000 }, 'leave', selectors(options(ctx)).leave);
  },
};
