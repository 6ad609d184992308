/** Members log in to the web client first, with credentials from environment variables, unless told not to. */
import { JoinStepError } from '../../errors.ts';
import { clickWhenReady, navigateStep, shortReason, typeWhenReady } from '../join-steps.ts';
import type { JoinContext } from '../platform-adapter.ts';
import type { SelectorKey } from './defaults.ts';
import { loginUrl, type ZimbraOptions } from './options.ts';

export async function logIn(ctx: JoinContext, opts: ZimbraOptions, s: Record<SelectorKey, string>, destination: string): Promise<void> {
  const user = opts.usernameEnv ? ctx.secret(opts.usernameEnv) : undefined;
  const password = opts.passwordEnv ? ctx.secret(opts.passwordEnv) : undefined;
  if (user === undefined || password === undefined)
    throw new JoinStepError('login', `environment variables ${opts.usernameEnv} and ${opts.passwordEnv} must both be set`);
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
