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

/**
 * Click a button that goes away when it works (a dialog's confirm), again while it stays. Puppeteer aims
 * at the button, then clicks there: when the dialog's layout moves in between (a preview video taking its
 * size), the click lands beside it and nothing happens, as for a user, who clicks again.
 */
export async function clickUntilGone(ctx: JoinContext, step: string, selector: string, retryMs = 1500): Promise<void> {
  const deadline = Date.now() + ctx.timeoutMs;
  await clickWhenReady(ctx, step, selector);
  for (;;) {
    const left = deadline - Date.now();
    const gone = await ctx.page
      .waitForSelector(selector, { hidden: true, timeout: Math.max(1, Math.min(retryMs, left)) })
      .then(() => true)
      .catch(() => false);
    if (gone) return;
    if (left <= retryMs) throw new JoinStepError(step, `${selector} was clicked and stayed`, selector);
    const handle = await ctx.page.$(`${selector}:not([disabled])`);
    await handle?.click().catch(() => undefined);
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
  const handle = await ctx.page
    .waitForSelector(`${selector}:not([disabled])`, { visible: true, timeout: Math.max(1, Math.min(waitMs, ctx.timeoutMs)) })
    .catch(() => null);
  if (!handle) return false;
  await handle.click().catch(() => undefined);
  return true;
}

/** an XPath string literal for any text (a label with an apostrophe, "You're ready!", needs the other quote) */
export function xpathLiteral(text: string): string {
  if (!text.includes('"')) return `"${text}"`;
  if (!text.includes("'")) return `'${text}'`;
  return `concat(${text
    .split('"')
    .map((part) => `"${part}"`)
    .join(`, '"', `)})`;
}

/** elements whose own text, title or aria-label is one of the labels (a product's labels in each of its languages) */
export function labelledXPath(tag: string, labels: readonly string[], within = ''): string {
  const names = labels.map(xpathLiteral);
  const any = (what: string): string => names.map((n) => `${what}=${n}`).join(' or ');
  return `${within}//${tag}[${any('normalize-space(.)')} or ${any('@title')} or ${any('@aria-label')}]`;
}

/** Click the enabled button labelled with one of `labels` (English and French, say): for buttons with no test id. */
export async function clickLabelledButton(ctx: JoinContext, step: string, labels: readonly string[], within = ''): Promise<void> {
  const xpath = `${labelledXPath('button', labels, within)}[not(@disabled)]`;
  try {
    const handle = await ctx.page.waitForSelector(`::-p-xpath(${xpath})`, { visible: true, timeout: ctx.timeoutMs });
    await handle?.click();
  } catch (error) {
    throw new JoinStepError(
      step,
      `no enabled button labelled ${labels.map((l) => `"${l}"`).join(' or ')} (${shortReason(error)})`,
      `button ${labels.join(' | ')}`,
    );
  }
}

/** Whether a button labelled with one of `labels` is on the page now (to say what a renamed test id left behind). */
export async function hasLabelledButton(ctx: JoinContext, labels: readonly string[]): Promise<boolean> {
  return (await ctx.page.$(`::-p-xpath(${labelledXPath('button', labels)})`).catch(() => null)) !== null;
}

/**
 * Wait until one of several page states shows, and say which: e.g. the meeting view, or the page's own
 * error. Each state is a CSS selector or `text:` followed by labels separated by `|`.
 */
export async function waitForFirst(ctx: JoinContext, step: string, states: Record<string, string>, timeoutMs = ctx.timeoutMs): Promise<string> {
  const probes = Object.entries(states).map(([name, probe]) => {
    if (!probe.startsWith('text:')) return { name, css: probe, xpath: null };
    const labels = probe.slice('text:'.length).split('|');
    return { name, css: null, xpath: `//*[${labels.map((l) => `normalize-space(text())=${xpathLiteral(l)}`).join(' or ')}]` };
  });
  // a string, not a function: the page gets it as written (no bundler helper such as __name in it)
  const expression = `(() => {
    const list = ${JSON.stringify(probes)};
    for (const p of list) {
      const el = p.css ? document.querySelector(p.css) : document.evaluate(p.xpath, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;
      // getClientRects, not offsetParent: a fixed action bar has no offsetParent and is visible
      if (el && el.getClientRects().length > 0 && !el.hidden) return p.name;
    }
    return false;
  })()`;
  try {
    const handle = await ctx.page.waitForFunction(expression, { timeout: timeoutMs, polling: 100 });
    return (await handle.jsonValue()) as string;
  } catch (error) {
    throw new JoinStepError(step, `none of ${Object.values(states).join(', ')} appeared (${shortReason(error)})`);
  }
}

/** The text of the first visible element matching the selector (a page's error message), or null. */
export async function visibleText(ctx: JoinContext, selector: string): Promise<string | null> {
  return ctx.page
    .evaluate((css: string) => {
      const el = [...document.querySelectorAll(css)].find((e) => e.getClientRects().length > 0 && !(e as HTMLElement).hidden);
      return el?.textContent?.trim() || null;
    }, selector)
    .catch(() => null);
}
