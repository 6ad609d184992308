/**
 * The scorecards of one run (from the engine: results/scorecard/) laid out as the viewer shows them: one
 * matrix of platforms × criteria, measured criteria grouped by scenario and network, declared criteria
 * (licence, LDAP, recording, ...) after them with their values and sources. Nothing is judged here:
 * outcomes, scores, verdicts and summary sentences are the engine's; this file only places and words them.
 */
import type { Bilingual } from '../../results/criteria/criteria-schema.ts';
import type { RunRecord, Verdict } from '../../results/run-record.ts';
import { formatNumber, formatValue, metricLabel } from '../../results/scorecard/describe.ts';
import type { CriterionRow, Lang, ScoreResult } from '../../results/scorecard/scorecard-types.ts';

/** pass/fail as decision-makers read them: a failed advisory criterion is a warning, a partial declared value is partial */
export type CellOutcome = 'pass' | 'warn' | 'fail' | 'partial' | 'no-data' | 'error' | 'skip';

export interface MatrixColumn {
  key: string;
  criterionId: string;
  kind: 'measured' | 'declared';
  title: Bilingual;
  explanation?: Bilingual | undefined;
  level: 'error' | 'warn' | 'off';
  metric?: string | undefined;
  threshold?: string | undefined;
  scenario?: string | undefined;
  network?: string | undefined;
  /** index into `groups` */
  group: number;
}

export interface ColumnGroup {
  kind: 'measured' | 'declared';
  scenario?: string | undefined;
  network?: string | undefined;
  span: number;
}

export interface MatrixCell {
  key: string;
  criterionId: string;
  outcome: CellOutcome;
  value: number | null;
  /** the value as printed, per language */
  text: Bilingual;
  /** value, threshold, repeats, source, note, reason: the hover text */
  detail: Bilingual;
  /** declared criteria: where the value comes from */
  source?: string | undefined;
  /** the source, when it is a plain http(s) address (never another scheme: it becomes a link) */
  sourceUrl?: string | undefined;
}

export interface PlatformCard {
  platform: string;
  name: string;
  score: number | null;
  verdict: Verdict;
  trustworthy: boolean;
  summary: Bilingual;
  mustHaves: { total: number; met: number };
  networks: string[];
  cells: MatrixCell[];
  trialIds: string[];
}

export interface ScorecardView {
  runId: string;
  startedAt: string;
  /** the engine's verdict of the run (the stored one when judged from the stored results) */
  verdict: Verdict;
  trustworthy: boolean;
  /** which criteria judged: the ones stored with the run, or a criteria file given to the viewer */
  criteria: { source: 'stored' } | { source: 'file'; label: string };
  groups: ColumnGroup[];
  columns: MatrixColumn[];
  platforms: PlatformCard[];
}

const both = (f: (lang: Lang) => string): Bilingual => ({ en: f('en'), fr: f('fr') });
const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** criteria rebuilt from a stored run carry their id as title: a metric's plain name reads better */
function titleOf(row: CriterionRow): Bilingual {
  if (row.kind === 'measured' && row.metric && row.title.en === row.criterionId && row.title.fr === row.criterionId) {
    return both((lang) => capitalise(metricLabel(row.metric!, lang)));
  }
  return row.title;
}

const columnKey = (row: CriterionRow): string =>
  row.kind === 'declared' ? `d:${row.criterionId}` : `m:${row.criterionId}:${row.scenario ?? ''}:${row.network ?? ''}`;

function cellOutcome(row: CriterionRow): CellOutcome {
  if (row.met === null) return 'skip';
  if (row.kind === 'declared' && row.declared === 'partial') return 'partial';
  if (row.outcome === 'pass') return 'pass';
  if (row.outcome === 'no-data') return 'no-data';
  if (row.outcome === 'error') return 'error';
  return row.level === 'warn' ? 'warn' : 'fail';
}

const YES: Bilingual = { en: 'yes', fr: 'oui' };
const NO: Bilingual = { en: 'no', fr: 'non' };
const PARTIAL: Bilingual = { en: 'partial', fr: 'partiel' };

function valueText(row: CriterionRow, lang: Lang): string {
  if (row.kind === 'declared') {
    if (row.declared === null || row.declared === undefined) return lang === 'fr' ? 'non renseigné' : 'not declared';
    return (row.declared === 'partial' ? PARTIAL : row.declared ? YES : NO)[lang];
  }
  if (row.value === null) return lang === 'fr' ? 'aucune mesure' : 'no data';
  // with `participants`, the value is the share of participants passing
  if (row.participants !== undefined)
    return lang === 'fr' ? `${formatNumber(row.value * 100, lang, 0)} % des participants` : `${formatNumber(row.value * 100, lang, 0)} % of participants`;
  return formatValue(row.metric, row.value, lang);
}

function detailText(row: CriterionRow, title: Bilingual, lang: Lang): string {
  const fr = lang === 'fr';
  const parts = [`${title[lang]}${fr ? ' : ' : ': '}${valueText(row, lang)}`];
  if (row.kind === 'measured') {
    parts.push(
      `${fr ? 'seuil' : 'threshold'} ${row.threshold ?? ''}${row.participants !== undefined ? ` (${formatNumber(row.participants * 100, lang, 0)} % ${fr ? 'des participants' : 'of participants'})` : ''}`,
    );
    if (row.repeats && row.repeats.length > 1) {
      parts.push(
        `${fr ? 'répétitions' : 'repeats'} ${row.repeats.map((r) => (row.participants !== undefined && r.value !== null ? `${formatNumber(r.value * 100, lang, 0)} %` : formatValue(row.metric, r.value, lang))).join(', ')} (${row.acrossRepeats ?? 'median'})`,
      );
    }
    if (row.network) parts.push(`${fr ? 'réseau' : 'network'} ${row.network}`);
  } else {
    if (row.source) parts.push(`${fr ? 'source' : 'source'}${fr ? ' : ' : ': '}${row.source}`);
    if (row.note) parts.push(row.note);
  }
  if (row.reason && row.kind === 'measured') parts.push(row.reason);
  return parts.join(' — ');
}

const httpUrl = (text: string | undefined): string | undefined => (text && /^https?:\/\/[^\s"'<>]+$/i.test(text) ? text : undefined);

export function buildScorecardView(run: RunRecord, result: ScoreResult, criteria: ScorecardView['criteria']): ScorecardView {
  // columns in the order the engine gives rows, measured first, one group per scenario × network
  const columns: MatrixColumn[] = [];
  const groups: ColumnGroup[] = [];
  const groupIndex = new Map<string, number>();
  const seen = new Map<string, MatrixColumn>();
  const allRows = result.scorecards.flatMap((card) => card.rows);
  const ordered = [...allRows.filter((r) => r.kind === 'measured'), ...allRows.filter((r) => r.kind === 'declared')];
  for (const row of ordered) {
    if (row.level === 'off') continue;
    const key = columnKey(row);
    if (seen.has(key)) continue;
    const groupKey = row.kind === 'declared' ? 'declared' : `measured:${row.scenario ?? ''}:${row.network ?? ''}`;
    let group = groupIndex.get(groupKey);
    if (group === undefined) {
      group = groups.push({ kind: row.kind, scenario: row.scenario, network: row.network, span: 0 }) - 1;
      groupIndex.set(groupKey, group);
    }
    const column: MatrixColumn = {
      key,
      criterionId: row.criterionId,
      kind: row.kind,
      title: titleOf(row),
      explanation: row.explanation,
      level: row.level,
      metric: row.metric,
      threshold: row.threshold,
      scenario: row.scenario,
      network: row.network,
      group,
    };
    seen.set(key, column);
    columns.push(column);
  }
  // measured groups kept together in their first-seen order, declared last
  columns.sort((a, b) => a.group - b.group);
  for (const column of columns) groups[column.group]!.span++;

  const platforms: PlatformCard[] = result.scorecards.map((card) => {
    const own = run.trials.filter((t) => t.platform === card.platform);
    const byKey = new Map(card.rows.map((row) => [columnKey(row), row]));
    const cells = columns.map((column): MatrixCell => {
      const row = byKey.get(column.key);
      if (!row) {
        // this criterion did not apply to this platform (another scenario or network)
        const na = both((lang) => (lang === 'fr' ? 'sans objet' : 'not applicable'));
        return { key: column.key, criterionId: column.criterionId, outcome: 'skip', value: null, text: { en: '—', fr: '—' }, detail: na };
      }
      const title = column.title;
      return {
        key: column.key,
        criterionId: row.criterionId,
        outcome: cellOutcome(row),
        value: row.value,
        text: both((lang) => valueText(row, lang)),
        detail: both((lang) => detailText(row, title, lang)),
        source: row.source,
        sourceUrl: httpUrl(row.source),
      };
    });
    return {
      platform: card.platform,
      name: card.name,
      score: card.score,
      verdict: card.verdict,
      trustworthy: own.every((t) => !t.runner.saturated),
      summary: card.summary,
      mustHaves: card.mustHaves,
      networks: [...new Set(own.map((t) => t.network))],
      cells,
      trialIds: own.map((t) => t.id),
    };
  });
  platforms.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.name.localeCompare(b.name));

  return {
    runId: run.id,
    startedAt: run.startedAt,
    verdict: result.verdict,
    trustworthy: run.trials.every((t) => !t.runner.saturated),
    criteria,
    groups,
    columns,
    platforms,
  };
}
