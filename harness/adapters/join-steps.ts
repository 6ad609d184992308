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
