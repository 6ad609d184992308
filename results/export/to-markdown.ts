/**
 * Markdown summary for an e-mail or a chat message: the run verdict, one line per platform with its
 * summary sentence, and a compact table of criteria per platform. Every stored text is escaped (markdown-text.ts):
 * a stored name can add no link, image or HTML to the mail.
 */
import type { RunRecord } from '../run-record.ts';
import { formatValue } from '../scorecard/describe.ts';
import { verdictLabel } from '../scorecard/format-scorecard.ts';
import type { Lang, Scorecard } from '../scorecard/scorecard-types.ts';
import { scaleMarkdown } from '../planning/scale-markdown.ts';
import { markdownText as cell } from './markdown-text.ts';
import { labPlatformsMarkdown } from './lab-platforms-markdown.ts';

export function toMarkdown(run: RunRecord, scorecards: readonly Scorecard[], lang: Lang = 'en'): string {
  const fr = lang === 'fr';
  const lines = [`# meetbench ${run.id}: ${verdictLabel(run.verdict, lang)}`, ''];
  lines.push(
    `${fr ? 'Début' : 'Started'} ${run.startedAt}${run.source ? ` · ${cell(run.source)}` : ''} · ${run.trials.length} ${fr ? 'essai(s)' : 'trial(s)'}`,
    '',
  );
  for (const card of scorecards)
    lines.push(`- **${cell(card.name)}** — ${verdictLabel(card.verdict, lang)}, score ${card.score ?? '—'}/100: ${cell(card.summary[lang])}`);
  for (const card of scorecards) {
    lines.push('', `## ${cell(card.name)}`, '');
    lines.push(fr ? '| | critère | niveau | où | valeur | seuil |' : '| | criterion | level | where | value | threshold |');
    lines.push('|---|---|---|---|---|---|');
    for (const row of card.rows) {
      const mark = row.met === null ? '➖' : row.met ? '✅' : row.level === 'error' ? '❌' : '⚠️';
      const value =
        row.kind === 'declared'
          ? row.declared === null
            ? '—'
            : String(row.declared === 'partial' ? (fr ? 'partiel' : 'partial') : row.declared ? (fr ? 'oui' : 'yes') : fr ? 'non' : 'no')
          : row.participants !== undefined && row.value !== null
            ? `${Math.round(row.value * 100)} %`
            : formatValue(row.metric, row.value, lang);
      const where = row.kind === 'declared' ? (row.source ?? '') : [row.scenario, row.network].filter(Boolean).join('/');
      lines.push(
        `| ${mark} | ${cell(row.title[lang])} | ${row.level} | ${cell(where)} | ${cell(value)}${row.outcome === 'no-data' ? (fr ? ' (aucune mesure)' : ' (no data)') : ''} | ${cell(row.threshold ? `${row.metric} ${row.threshold}` : '')} |`,
      );
    }
  }
  lines.push(...labPlatformsMarkdown(run, lang));
  lines.push(...scaleMarkdown(run, lang));
  return `${lines.join('\n')}\n`;
}
