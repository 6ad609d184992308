/** The regressions section of the night's Markdown report: every comparison that was flagged, with its numbers. */
import type { HistoryReport } from '../../results/history/detect-regressions.ts';
import { formatP } from './notify/format-message.ts';
import { markdownText as cell } from '../../results/export/markdown-text.ts';

const num = (v: number): string => String(Math.round(v * 100) / 100);

export function historyMarkdown(history: HistoryReport, options: { significance: number; minEffectPct: number }): string {
  const lines = ['', '## Regressions against previous nights', ''];
  lines.push(
    `Compared with ${history.baselineRuns.length} previous night(s); a regression needs p < ${options.significance} (one-sided Mann-Whitney U over the repeats) and a median at least ${options.minEffectPct} % worse. ${history.comparisons.length} series compared, ${history.skipped.length} without enough history.`,
    '',
  );
  if (history.regressions.length === 0) {
    lines.push('No regression.');
    return `${lines.join('\n')}\n`;
  }
  lines.push('| platform | scenario | network | metric | tonight (median, n) | before (median, n, nights) | change | U | p | effect |');
  lines.push('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of history.regressions) {
    const change = r.changePct === null ? 'from 0' : `${r.changePct > 0 ? '+' : ''}${num(r.changePct)} %`;
    lines.push(
      `| ${cell(r.platform)} | ${cell(r.scenario)} | ${cell(r.network)} | ${r.metric} | ${num(r.tonight.median)} (${r.tonight.n}) | ${num(r.baseline.median)} (${r.baseline.n}, ${r.baseline.nights}) | ${change} | ${r.u} | ${formatP(r.p)} | ${r.effect} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
