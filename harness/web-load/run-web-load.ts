/**
 * Web-tier load with autocannon, one instance per URL, started with the first join. Every response time
 * is kept (not autocannon's per-target histograms) so the percentiles over all URLs are exact; errors are
 * connection errors, timeouts and non-2xx answers. The result goes in the trial (`webLoad`), and its p95
 * and error rate become the metrics `http_p95_ms` and `http_error_rate` that criteria judge.
 */
import { createRequire } from 'node:module';
import { percentileOfSorted, roundTenth } from '../../results/statistics.ts';
import { HarnessError } from '../errors.ts';
import type { WebLoadConfig } from '../scenario/web-load-schema.ts';

interface Tracker {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
  stop(): void;
}
interface AutocannonResult {
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
type Autocannon = (options: Record<string, unknown>, done: (error: Error | null, result: AutocannonResult) => void) => Tracker;

// autocannon is CommonJS without types; only the few parts used here are typed
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface LatencySummary {
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

export interface WebLoadTarget {
  url: string;
  requests: number;
  /** connection errors and timeouts */
  errors: number;
  timeouts: number;
  non2xx: number;
  latencyMs: LatencySummary;
}

export interface WebLoadResult {
  durationS: number;
  connections: number;
  rate: number | null;
  targets: WebLoadTarget[];
  requests: number;
  /** requests that failed (error, timeout) or answered non-2xx, over all requests attempted */
  errorRate: number | null;
  latencyMs: LatencySummary;
  requestsPerS: number | null;
}

/** the URLs to load: paths under the platform URL, absolute URLs only on its origin */
export function webLoadUrls(config: WebLoadConfig, platformUrl: string): string[] {
  const base = new URL(platformUrl);
  const urls = config.paths.map((p) => new URL(p, base).toString());
  for (const url of config.urls) {
    if (new URL(url).origin !== base.origin) {
      throw new HarnessError('INVALID_INPUT', `webLoad.urls: ${url} is not on the platform's origin ${base.origin}`, {
        hint: 'the web-tier load targets the platform under test only',
      });
    }
    urls.push(url);
  }
  return urls;
}

export function summarize(times: number[]): LatencySummary {
  if (times.length === 0) return { p50: null, p90: null, p95: null, p99: null, max: null };
  const sorted = [...times].sort((a, b) => a - b);
  const q = (pct: number): number => roundTenth(percentileOfSorted(sorted, pct));
  return { p50: q(50), p90: q(90), p95: q(95), p99: q(99), max: sorted[sorted.length - 1] ?? null };
}

async function loadOne(url: string, config: WebLoadConfig, signal: AbortSignal, times: number[]): Promise<WebLoadTarget> {
  const own: number[] = [];
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    const tracker = autocannon(
      {
        url,
        connections: config.connections,
        duration: config.durationS,
        timeout: config.timeoutS,
        ...(config.rate ? { overallRate: config.rate } : {}),
      },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    tracker.on('response', (_client, _status, _bytes, ms) => {
      own.push(ms);
      times.push(ms);
    });
    signal.addEventListener('abort', () => tracker.stop(), { once: true });
  });
  return { url, requests: own.length + result.errors, errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, latencyMs: summarize(own) };
}

/** starts the load now; the promise settles when every URL's load ended (or the signal stopped it) */
export async function runWebLoad(config: WebLoadConfig, platformUrl: string, signal: AbortSignal): Promise<WebLoadResult> {
  const urls = webLoadUrls(config, platformUrl);
  const times: number[] = [];
  const started = Date.now();
  const targets = await Promise.all(urls.map((url) => loadOne(url, config, signal, times)));
  const requests = targets.reduce((sum, t) => sum + t.requests, 0);
  const failed = targets.reduce((sum, t) => sum + t.errors + t.non2xx, 0);
  const seconds = (Date.now() - started) / 1000;
  return {
    durationS: Math.round(seconds * 10) / 10,
    connections: config.connections,
    rate: config.rate ?? null,
    targets,
    requests,
    errorRate: requests > 0 ? Math.round((failed / requests) * 10_000) / 10_000 : null,
    latencyMs: summarize(times),
    requestsPerS: seconds > 0 ? Math.round((requests / seconds) * 10) / 10 : null,
  };
}

/**
 * The metrics criteria judge. Criteria read participant metrics (results/criteria/participant-values.ts),
 * so the runner copies these trial-level figures into every participant's `metrics`: any aggregation over
 * participants then gives the trial's own figure. A load that made no request gives no data.
 */
export function webLoadMetrics(result: WebLoadResult | null): Record<string, number | null> {
  if (!result) return {};
  return { http_p95_ms: result.latencyMs.p95, http_error_rate: result.errorRate };
}
