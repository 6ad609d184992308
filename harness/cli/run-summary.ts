/** The table printed at the end of `meetbench run`: one row per trial, the numbers a DSI engineer looks at first. */
import Table from 'cli-table3';
import type { RunRecord } from '../../results/run-record.ts';
import { mean as avg, percentile } from '../../results/statistics.ts';

const fmt = (v: number | null | undefined, unit = ''): string => (v === null || v === undefined || !Number.isFinite(v) ? '-' : `${Math.round(v)}${unit}`);

export function formatRunSummary(run: RunRecord): string {
  const table = new Table({
    head: ['trial', 'joined', 'join p50', 'join p95', 'up kbps', 'down kbps', 'kernel up/down', 'runner CPU', 'verdict'],
    style: { head: [], border: [] },
  });
  for (const trial of run.trials) {
    const joins = trial.participants.map((p) => p.joinTimeMs);
    const joined = trial.participants.filter((p) => p.joined).length;
    const kernelUp = avg(trial.participants.map((p) => p.kernel?.uplinkKbps));
    const kernelDown = avg(trial.participants.map((p) => p.kernel?.downlinkKbps));
    table.push([
      trial.id,
      `${joined}/${trial.participants.length}`,
      fmt(percentile(joins, 50), ' ms'),
      fmt(percentile(joins, 95), ' ms'),
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
