/**
 * Posting to one webhook with a bounded number of retries and exponential backoff. Network errors,
 * timeouts, 408, 429 and 5xx are retried; other 4xx are not (the request itself is wrong, retrying will
 * not help). Never throws: the outcome is returned and reported, and never changes the night's verdict.
 */
import type { NotifyTarget } from '../../scenario/suite-schema.ts';

export interface NotifyOutcome {
  /** the URL without its path and query: incoming-webhook URLs carry their secret there */
  target: string;
  format: NotifyTarget['format'];
  ok: boolean;
  attempts: number;
  status: number | null;
  error: string | null;
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return 'an invalid URL';
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const retryable = (status: number): boolean => status === 408 || status === 429 || status >= 500;

export async function postWebhook(target: NotifyTarget, body: unknown): Promise<NotifyOutcome> {
  const outcome: NotifyOutcome = { target: redactUrl(target.url), format: target.format, ok: false, attempts: 0, status: null, error: null };
  const payload = JSON.stringify(body);
  for (let attempt = 0; attempt <= target.retries; attempt += 1) {
    if (attempt > 0) await sleep(target.backoffMs * 2 ** (attempt - 1));
    outcome.attempts = attempt + 1;
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'meetbench-nightly' },
        body: payload,
        signal: AbortSignal.timeout(target.timeoutMs),
        redirect: 'error',
      });
      outcome.status = response.status;
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) {
        outcome.ok = true;
        outcome.error = null;
        return outcome;
      }
      outcome.error = `HTTP ${response.status}`;
      if (!retryable(response.status)) return outcome;
    } catch (error) {
      outcome.status = null;
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      outcome.error = (error as Error).name === 'TimeoutError' ? `no answer within ${target.timeoutMs} ms` : (cause ?? (error as Error).message);
    }
  }
  return outcome;
}

/** every webhook, in parallel: one slow receiver does not hold the others */
export async function notifyAll(targets: readonly NotifyTarget[], message: (format: NotifyTarget['format']) => unknown): Promise<NotifyOutcome[]> {
  return Promise.all(targets.map((t) => postWebhook(t, message(t.format))));
}
