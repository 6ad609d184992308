/** The table printed at the end of `meetbench run`: one row per trial, the numbers a DSI engineer looks at first. */
import Table from 'cli-table3';
import { quantile } from 'simple-statistics';
import type { RunRecord } from '../../results/run-record.ts';

const fmt = (v: number | null | undefined, unit = ''): string => (v === null || v === undefined || !Number.isFinite(v) ? '-' : `${Math.round(v)}${unit}`);

function avg(values: Array<number | null | undefined>): number | null {
  const n = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return n.length ? n.reduce((a, b) => a + b, 0) / n.length : null;
}

export function formatRunSummary(run: RunRecord): string {
  const table = new Table({
    head: ['trial', 'joined', 'join p50', 'join p95', 'up kbps', 'down kbps', 'kernel up/down', 'runner CPU', 'verdict'],
    style: { head: [], border: [] },
  });
  for (const trial of run.trials) {
    const joins = trial.participants.map((p) => p.joinTimeMs).filter((v): v is number => v !== null);
    const joined = trial.participants.filter((p) => p.joined).length;
    const kernelUp = avg(trial.participants.map((p) => p.kernel?.uplinkKbps));
    const kernelDown = avg(trial.participants.map((p) => p.kernel?.downlinkKbps));
    table.push([
      trial.id,
      `${joined}/${trial.participants.length}`,
      fmt(joins.length ? quantile(joins, 0.5) : null, ' ms'),
      fmt(joins.length ? quantile(joins, 0.95) : null, ' ms'),
      fmt(avg(trial.participants.map((p) => p.uplinkKbps.avg))),
      fmt(avg(trial.participants.map((p) => p.downlinkKbps.avg))),
      kernelUp === null ? '-' : `${fmt(kernelUp)}/${fmt(kernelDown)}`,
      `${fmt(trial.runner.cpuPct.avg, ' %')}${trial.runner.saturated ? ' SATURATED' : ''}`,
      trial.verdict,
    ]);
  }
  const lines = [table.toString()];
  for (const trial of run.trials) if (trial.reason) lines.push(`${trial.id}: ${trial.reason}`);
  lines.push(`run ${run.id}: ${run.verdict}${run.status !== 'complete' ? ` (${run.status})` : ''}${run.reason ? `: ${run.reason}` : ''}`);
  return lines.join('\n');
}
