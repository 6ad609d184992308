/**
 * Join steps shared by adapters. Each failure names the step and the selector (or condition) that did
 * not happen, so a platform upgrade that renames a button reads "join-room: #register never became
 * clickable", not "TimeoutError".
 */
import type { JoinContext } from './platform-adapter.ts';
import { JoinStepError } from '../errors.ts';

export async function clickWhenReady(ctx: JoinContext, step: string, selector: string): Promise<void> {
  try {
    const handle = await ctx.page.waitForSelector(`${selector}:not([disabled])`, { visible: true, timeout: ctx.timeoutMs });
    await handle?.click();
  } catch (error) {
    throw new JoinStepError(step, `${selector} never became clickable (${shortReason(error)})`, selector);
  }
}

export async function typeWhenReady(ctx: JoinContext, step: string, selector: string, text: string): Promise<void> {
  try {
    const handle = await ctx.page.waitForSelector(`${selector}:not([disabled])`, { visible: true, timeout: ctx.timeoutMs });
    await handle?.click({ count: 3 });
    await handle?.type(text);
  } catch (error) {
    throw new JoinStepError(step, `${selector} never became editable (${shortReason(error)})`, selector);
  }
}

export async function waitForPageCondition(ctx: JoinContext, step: string, description: string, condition: () => boolean): Promise<void> {
  try {
    await ctx.page.waitForFunction(condition, { timeout: ctx.timeoutMs, polling: 100 });
  } catch (error) {
    throw new JoinStepError(step, `waiting for ${description} (${shortReason(error)})`);
  }
}

export function shortReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.slice(0, 200) ?? message;
}

/** Open a URL as the step "navigate": a page that never answers fails within the step's time budget, an HTTP error names its status. */
export async function navigateStep(ctx: JoinContext, url: string, step = 'navigate', displayUrl = url): Promise<void> {
  let status: number | undefined;
  try {
    status = (await ctx.page.goto(url, { waitUntil: 'domcontentloaded', timeout: ctx.timeoutMs }))?.status();
  } catch (error) {
    // displayUrl lets callers hide signed or token-bearing query strings
    throw new JoinStepError(step, `could not load ${displayUrl} (${shortReason(error)})`);
  }
  if (status !== undefined && status >= 400) throw new JoinStepError(step, `${displayUrl} answered HTTP ${status}`);
}

/** Wait for a page expression (a string, so it can come from a scenario file or read page-level `let`s). */
export async function waitForExpression(ctx: JoinContext, step: string, expression: string, timeoutMs = ctx.timeoutMs): Promise<void> {
  const guarded = `(() => { try { return !!(${expression}); } catch (e) { return false; } })()`;
  try {
    await ctx.page.waitForFunction(guarded, { timeout: timeoutMs, polling: 100 });
  } catch (error) {
    throw new JoinStepError(step, `waiting for ${expression} (${shortReason(error)})`);
  }
}

/** Wait for an element to be present (and visible), naming step and selector on failure. */
export async function waitForSelectorStep(ctx: JoinContext, step: string, selector: string, timeoutMs = ctx.timeoutMs): Promise<void> {
  try {
    await ctx.page.waitForSelector(selector, { visible: true, timeout: timeoutMs });
  } catch (error) {
    throw new JoinStepError(step, `${selector} never appeared (${shortReason(error)})`, selector);
  }
}

/** Click a dialog's button if it shows up within waitMs; a dialog that never comes is not an error. */
export async function dismissIfPresent(ctx: JoinContext, selector: string, waitMs: number): Promise<boolean> {
  const handle = await ctx.page.waitForSelector(`${selector}:not([disabled])`, { visible: true, timeout: Math.max(1, Math.min(waitMs, ctx.timeoutMs)) }).catch(() => null);
  if (!handle) return false;
  await handle.click().catch(() => undefined);
  return true;
}
