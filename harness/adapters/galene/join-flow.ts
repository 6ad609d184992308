/**
 * The steps of a Galène join through its own web client: open /group/<room>/, type a username, choose
 * "Camera and microphone" (sender) or "Nothing" (receiver) under "Enable at start", Connect. Then wait for
 * the client's own joined state and for media on a peer connection (Galène uses one RTCPeerConnection per
 * stream: `serverConnection.up[id].pc` for what we send, `serverConnection.down[id].pc` for each remote).
 */
import { JoinStepError } from '../../errors.ts';
import { clickWhenReady, shortReason, typeWhenReady } from '../join-steps.ts';
import type { JoinContext } from '../platform-adapter.ts';
import { PAGE_STATE, SELECTORS } from './selectors.ts';

export interface GaleneOptions {
  roomPrefix: string;
  passwordEnv?: string | undefined;
  enableWaitMs: number;
}

/** Numeric rooms (the scenario's room index) map to the lab's groups meetbench-1..N; names pass as they are. */
export function groupName(room: string, roomPrefix: string): string {
  return /^\d+$/.test(room) ? `${roomPrefix}${room}` : room;
}

/** The platform URL is either the server's base URL or the lab's page URL with a `{room}` placeholder. */
export function groupUrl(platformUrl: string, room: string, roomPrefix: string): string {
  const group = encodeURIComponent(groupName(room, roomPrefix));
  if (platformUrl.includes('{room}')) return platformUrl.replaceAll('{room}', group);
  return `${platformUrl.replace(/\/+$/, '')}/group/${group}/`;
}

export async function navigate(ctx: JoinContext, url: string): Promise<void> {
  let status: number | undefined;
  try {
    status = (await ctx.page.goto(url, { waitUntil: 'domcontentloaded', timeout: ctx.timeoutMs }))?.status();
  } catch (error) {
    throw new JoinStepError('navigate', `could not load ${url} (${shortReason(error)})`);
  }
  // Galène answers 404 for a group that has no file in its groups folder
  if (status !== undefined && status >= 400) throw new JoinStepError('navigate', `${url} answered HTTP ${status} (does the group exist?)`);
}

export async function fillLoginForm(ctx: JoinContext, options: GaleneOptions): Promise<void> {
  try {
    await ctx.page.waitForSelector(SELECTORS.loginForm, { visible: true, timeout: ctx.timeoutMs });
  } catch (error) {
    throw new JoinStepError('login-form', `the login form never appeared (${shortReason(error)})`, SELECTORS.loginForm);
  }
  await ctx.mark('uiReady');
  await typeWhenReady(ctx, 'enter-username', SELECTORS.username, ctx.participant.name);
  if (options.passwordEnv) {
    const password = ctx.secret(options.passwordEnv);
    if (password === undefined) throw new JoinStepError('enter-password', `environment variable ${options.passwordEnv} is not set`, SELECTORS.password);
    await typeWhenReady(ctx, 'enter-password', SELECTORS.password, password);
  }
  const media = ctx.participant.role === 'sender' ? SELECTORS.presentBoth : SELECTORS.presentNothing;
  await clickWhenReady(ctx, 'choose-media', media);
  await ctx.mark('joinAction');
  await clickWhenReady(ctx, 'connect', SELECTORS.connect);
}

/** Wait for an expression to be truthy, failing at once (with Galène's own words) on an error toast. */
async function waitForState(ctx: JoinContext, step: string, expression: string, timeoutMs = ctx.timeoutMs): Promise<void> {
  const probe = `(() => {
    const toast = document.querySelector(${JSON.stringify(SELECTORS.errorToast)});
    if (toast) return { error: (toast.textContent || '').replace(/[\\s✖]+$/u, '').trim() };
    try { return (${expression}) ? { ok: true } : false; } catch (e) { return false; }
  })()`;
  let result: { ok?: boolean; error?: string };
  try {
    const handle = await ctx.page.waitForFunction(probe, { timeout: timeoutMs, polling: 100 });
    result = (await handle.jsonValue()) as { ok?: boolean; error?: string };
  } catch (error) {
    throw new JoinStepError(step, `waiting for ${expression} (${shortReason(error)})`);
  }
  if (result.error !== undefined) throw new JoinStepError(step, `Galène said: ${result.error}`, SELECTORS.errorToast);
}

function connectedPc(streams: string): string {
  return `${streams}.some(c => c.pc && ['connected', 'completed'].includes(c.pc.iceConnectionState))`;
}

export async function waitJoined(ctx: JoinContext, options: GaleneOptions): Promise<void> {
  await waitForState(ctx, 'joined', PAGE_STATE.joined);
  if (ctx.participant.role !== 'sender') {
    // A receiver is in when media from another participant reaches it.
    await waitForState(ctx, 'receive-media', connectedPc(PAGE_STATE.downStreams));
    return;
  }
  const canPresent = await ctx.page.evaluate(PAGE_STATE.canPresent).catch(() => false);
  if (!canPresent) throw new JoinStepError('permissions', 'the group did not grant "present", so this participant cannot publish');
  // With "Camera and microphone" checked the client publishes by itself after joining; clients that only
  // show "Enable" get it clicked.
  try {
    await waitForState(ctx, 'publish', `${PAGE_STATE.upStreams}.length > 0`, Math.min(options.enableWaitMs, ctx.timeoutMs));
  } catch (error) {
    if (error instanceof JoinStepError && error.selector === SELECTORS.errorToast) throw error;
    await clickWhenReady(ctx, 'enable-media', SELECTORS.enable);
  }
  await waitForState(ctx, 'send-media', connectedPc(PAGE_STATE.upStreams));
}

export async function leaveGroup(ctx: JoinContext): Promise<void> {
  await ctx.page.evaluate("typeof serverConnection !== 'undefined' && serverConnection && serverConnection.close()");
}
