/**
 * The custom adapter: a declarative recipe in the scenario file (goto, fill, click, waitFor,
 * waitForFunction, dismiss, mark) and a joined signal (a selector or a JS expression). Every failure names
 * the recipe step (its `name:` or action-position, e.g. "click-3") and its selector or expression.
 * Phases: explicit `mark` steps, or by default uiReady before the first fill/click and joinAction before
 * the last click.
 */
import { JoinStepError } from '../../errors.ts';
import { clickWhenReady, dismissIfPresent, navigateStep, typeWhenReady, waitForExpression, waitForSelectorStep } from '../join-steps.ts';
import type { JoinContext, PlatformAdapter } from '../platform-adapter.ts';
import { customOptionsSchema, describeStep, fillTemplate, type CustomOptions, type RecipeStep } from './recipe.ts';

const options = (ctx: JoinContext): CustomOptions => customOptionsSchema.parse(ctx.platform.options);

function templateValues(ctx: JoinContext, opts: CustomOptions): Parameters<typeof fillTemplate>[1] {
  const room = /^\d+$/.test(ctx.participant.room) ? `${opts.roomPrefix}${ctx.participant.room}` : ctx.participant.room;
  return {
    base: ctx.platform.url.replace(/\/+$/, ''),
    origin: new URL(ctx.platform.url).origin,
    room,
    name: ctx.participant.name,
    index: ctx.participant.index,
  };
}

async function runStep(ctx: JoinContext, opts: CustomOptions, step: RecipeStep, position: number): Promise<void> {
  const { name } = describeStep(step, position);
  const fill = (template: string): string => {
    try {
      return fillTemplate(template, templateValues(ctx, opts), ctx.secret);
    } catch (error) {
      throw new JoinStepError(name, (error as Error).message);
    }
  };
  if ('goto' in step) {
    // the template is shown, never the filled URL: it may carry a {env:…} secret
    await navigateStep(ctx, fill(step.goto), name, step.goto.includes('{env:') ? step.goto : fill(step.goto));
  } else if ('fill' in step) await typeWhenReady(ctx, name, step.fill, fill(step.value));
  else if ('click' in step) await clickWhenReady(ctx, name, step.click);
  else if ('waitFor' in step) await waitForSelectorStep(ctx, name, step.waitFor);
  else if ('waitForFunction' in step) await waitForExpression(ctx, name, step.waitForFunction);
  else if ('dismiss' in step) await dismissIfPresent(ctx, step.dismiss, step.waitMs);
  else if ('mark' in step) await ctx.mark(step.mark);
}

export const customAdapter: PlatformAdapter = {
  id: 'custom',
  title: 'Custom recipe',
  description:
    'Any web meeting driven by a declarative recipe in the scenario file: goto, fill, click, waitFor, waitForFunction, dismiss, mark; joined by a selector or a JS expression.',
  capabilities: { send: true, receiveOnly: false, rooms: true, screenShare: false, lab: false },
  optionsSchema: customOptionsSchema,

  async join(ctx) {
    const opts = options(ctx);
    const explicitMarks = opts.steps.some((s) => 'mark' in s);
    const interactive = opts.steps.map((s, i) => ('fill' in s || 'click' in s ? i : -1)).filter((i) => i >= 0);
    const lastClick = opts.steps
      .map((s, i) => ('click' in s ? i : -1))
      .filter((i) => i >= 0)
      .pop();
    for (const [i, step] of opts.steps.entries()) {
      if (!explicitMarks && i === interactive[0]) await ctx.mark('uiReady');
      if (!explicitMarks && i === lastClick) await ctx.mark('joinAction');
      await runStep(ctx, opts, step, i);
    }
  },

  async joinedSignal(ctx) {
    const { joined } = options(ctx);
    if ('selector' in joined) await waitForSelectorStep(ctx, 'joined-signal', joined.selector);
    else await waitForExpression(ctx, 'joined-signal', joined.function);
  },

  async leave(ctx) {
    const opts = options(ctx);
    for (const [i, step] of opts.leave.entries()) await runStep(ctx, opts, step, i);
  },
};
