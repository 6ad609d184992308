/**
 * `/metrics`: the latest results in the Prometheus text exposition format (version 0.0.4), so a DSI's
 * Grafana can chart them. Label values are escaped as the format requires (\\, \" and \n).
 */
import { Router } from 'express';
import type { ViewerContext } from '../context.ts';
import type { RunRecord } from '../../results/run-record.ts';
import { judged } from '../model/judge-run.ts';
import type { ScorecardView } from '../model/scorecard-view.ts';
import { median } from '../../results/statistics.ts';
import { KEY_METRICS, trialValue } from '../model/trial-values.ts';

const escapeLabel = (value: string): string => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labels = (pairs: Record<string, string>): string =>
  `{${Object.entries(pairs)
    .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
    .join(',')}}`;

export function renderMetrics(runs: RunRecord[], card: ScorecardView | undefined, skipped = 0): string {
  const lines: string[] = [];
  const family = (name: string, help: string): void => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
  };
  family('meetbench_runs', 'Number of runs in the results store.');
  lines.push(`meetbench_runs ${runs.length}`);
  family('meetbench_store_skipped_runs', 'Stored runs left out because they do not match the run-record schema (named on the overview page).');
  lines.push(`meetbench_store_skipped_runs ${skipped}`);
  const latest = runs.at(-1);
  if (!latest || !card) return `${lines.join('\n')}\n`;
  family('meetbench_latest_run_timestamp_seconds', 'Start time of the latest run.');
  lines.push(`meetbench_latest_run_timestamp_seconds${labels({ run: latest.id })} ${Math.round(Date.parse(latest.startedAt) / 1000)}`);
  const score: string[] = [];
  const verdict: string[] = [];
  const trusted: string[] = [];
  const criterion: string[] = [];
  const passed: string[] = [];
  for (const p of card.platforms) {
    const base = { platform: p.platform };
    if (p.score !== null) score.push(`meetbench_score${labels(base)} ${p.score}`);
    for (const v of ['passed', 'failed', 'inconclusive', 'broken'])
      verdict.push(`meetbench_verdict${labels({ ...base, verdict: v })} ${p.verdict === v ? 1 : 0}`);
    trusted.push(`meetbench_runner_trustworthy${labels(base)} ${p.trustworthy ? 1 : 0}`);
    p.cells.forEach((cell, i) => {
      const col = card.columns[i]!;
      if (cell.outcome === 'skip') return;
      const l = labels({ ...base, criterion: col.criterionId, kind: col.kind, metric: col.metric ?? '', network: col.network ?? '' });
      if (cell.value !== null) criterion.push(`meetbench_criterion_value${l} ${cell.value}`);
      passed.push(`meetbench_criterion_passed${l} ${cell.outcome === 'pass' ? 1 : 0}`);
    });
  }
  family('meetbench_score', 'Weighted scorecard score (0 to 100) of each platform in the latest run, from the scorecard engine.');
  lines.push(...score);
  family('meetbench_verdict', 'Verdict of the latest run per platform: 1 for the current verdict.');
  lines.push(...verdict);
  family('meetbench_runner_trustworthy', '1 when the runner was not saturated while measuring the platform.');
  lines.push(...trusted);
  family('meetbench_criterion_value', 'Value of each criterion (measured: combined over repeats, in the unit of its metric; declared: 1, 0.5 or 0).');
  lines.push(...criterion);
  family('meetbench_criterion_passed', '1 when the criterion passed.');
  lines.push(...passed);
  family('meetbench_metric', 'Key metrics of the latest run (median over repeats of the per-trial value).');
  for (const [platform, network] of [...new Set(latest.trials.map((t) => `${t.platform}\u0000${t.network}`))].map(
    (k) => k.split('\u0000') as [string, string],
  )) {
    for (const key of KEY_METRICS) {
      const values = latest.trials
        .filter((t) => t.platform === platform && t.network === network)
        .map((t) => trialValue(t, key))
        .filter((v): v is number => v !== null);
      const value = median(values);
      if (value !== null)
        lines.push(`meetbench_metric${labels({ platform, network, metric: key.metric, aggregate: key.aggregate })} ${Math.round(value * 100) / 100}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function createMetricsRouter(context: ViewerContext): Router {
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    const snapshot = await context.snapshots.get();
    const card = snapshot.latest ? (await judged(context, snapshot, snapshot.latest)).view : undefined;
    res.type('text/plain; version=0.0.4; charset=utf-8').send(snapshot.memo('metrics', () => renderMetrics(snapshot.runs, card, snapshot.skipped.length)));
  });
  return router;
}
