/**
 * The scorecards as plain text for the terminal (end of `meetbench run`, `meetbench score`, the demo):
 * a verdict line per platform with its summary sentence, then one line per criterion.
 */
import { formatValue } from './describe.ts';
import type { CriterionRow, Lang, Scorecard } from './scorecard-types.ts';

const VERDICT: Record<Scorecard['verdict'], [fr: string, en: string]> = {
  passed: ['RETENU', 'PASSED'],
  failed: ['ÉCHEC', 'FAILED'],
  inconclusive: ['NON CONCLUANT', 'INCONCLUSIVE'],
  broken: ['NON ÉVALUÉ', 'BROKEN'],
};

const MARK: Record<CriterionRow['outcome'], string> = { pass: 'ok  ', fail: 'FAIL', 'no-data': 'NODATA', error: 'ERROR' };

export function verdictLabel(verdict: Scorecard['verdict'], lang: Lang): string {
  return VERDICT[verdict][lang === 'fr' ? 0 : 1];
}

export function formatScorecard(scorecards: readonly Scorecard[], lang: Lang): string {
  const lines: string[] = [];
  for (const card of scorecards) {
    const score = card.score === null ? '—' : `${card.score}/100`;
    lines.push(
      `${card.name}  ${verdictLabel(card.verdict, lang)}  score ${score}  ${lang === 'fr' ? 'obligatoires' : 'must-haves'} ${card.mustHaves.met}/${card.mustHaves.total}`,
    );
    lines.push(`  ${card.summary[lang]}`);
    for (const row of card.rows) lines.push(`  ${rowLine(row, lang)}`);
    lines.push('');
  }
  return lines.join('\n');
}

function rowLine(row: CriterionRow, lang: Lang): string {
  const mark = row.outcome === 'no-data' && row.met === true ? 'nodata' : row.met === null ? 'skip' : row.declared === 'partial' ? 'PART' : MARK[row.outcome];
  const level = row.level === 'error' ? '' : ` [${row.level}]`;
  if (row.kind === 'declared') {
    const value =
      row.declared === null ? '—' : row.declared === 'partial' ? 'partial' : row.declared ? (lang === 'fr' ? 'oui' : 'yes') : lang === 'fr' ? 'non' : 'no';
    return `${mark.padEnd(6)} ${row.title[lang]}${level}: ${value}${row.source ? ` (${row.source})` : ''}`;
  }
  const where = [row.scenario, row.network].filter(Boolean).join('/');
  const value =
    row.value === null
      ? lang === 'fr'
        ? 'aucune mesure'
        : 'no data'
      : row.participants !== undefined
        ? `${Math.round(row.value * 100)} %`
        : formatValue(row.metric, row.value, lang);
  const repeats = row.repeats && row.repeats.length > 1 ? ` [${row.repeats.map((r) => formatValue(row.metric, r.value, lang)).join(', ')}]` : '';
  return `${mark.padEnd(6)} ${row.title[lang]}${level} (${where}): ${row.metric} ${row.threshold} → ${value}${repeats}${row.reason ? ` — ${row.reason}` : ''}`;
}
