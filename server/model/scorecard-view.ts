/**
 * The scorecard of one run as the viewer shows it: per network, a matrix of platforms × criteria.
 * Built from the criteria results stored in each trial (`trial.criteria`), aggregated over the repeats
 * by the median, as ARCHITECTURE.md's default aggregation says. Words come from the i18n catalogue.
 */
import { combineVerdicts, type RunRecord, type Trial, type Verdict } from '../../results/run-record.ts';
import { formatValue, metricTitle } from '../i18n/metric-titles.ts';
import type { Lang } from '../i18n/messages.ts';
import { median, passesThreshold } from './trial-values.ts';

export type CellOutcome = 'pass' | 'warn' | 'fail' | 'no-data';

export interface CriterionColumn {
  id: string;
  metric: string;
  threshold: string;
  level: 'error' | 'warn';
  title: { en: string; fr: string };
}

export interface ScoreCell {
  criterionId: string;
  value: number | null;
  /** the value as printed, with its unit, per language */
  text: { en: string; fr: string };
  outcome: CellOutcome;
  repeats: number;
}

export interface PlatformCard {
  platform: string;
  network: string;
  score: number;
  verdict: Verdict;
  trustworthy: boolean;
  summary: { en: string; fr: string };
  cells: ScoreCell[];
  trialIds: string[];
}

export interface NetworkScorecard {
  network: string;
  columns: CriterionColumn[];
  platforms: PlatformCard[];
}

export interface ScorecardView {
  runId: string;
  startedAt: string;
  verdict: Verdict;
  trustworthy: boolean;
  networks: NetworkScorecard[];
}

const WEIGHT = { error: 3, warn: 1 } as const;

function columnsOf(trials: Trial[]): CriterionColumn[] {
  const columns = new Map<string, CriterionColumn>();
  for (const trial of trials) {
    for (const c of trial.criteria) {
      if (c.level === 'off' || columns.has(c.id)) continue;
      columns.set(c.id, { id: c.id, metric: c.metric, threshold: c.threshold, level: c.level, title: { en: metricTitle(c.metric, 'en'), fr: metricTitle(c.metric, 'fr') } });
    }
  }
  return [...columns.values()];
}

function cellFor(column: CriterionColumn, trials: Trial[]): ScoreCell {
  const results = trials.map((t) => t.criteria.find((c) => c.id === column.id)).filter((c) => c !== undefined);
  const values = results.map((r) => r.value).filter((v): v is number => v !== null && Number.isFinite(v));
  const value = median(values);
  let passed: boolean | undefined;
  if (value !== null) passed = passesThreshold(column.threshold, value);
  // a threshold we cannot read ourselves: trust the stored outcomes (all repeats must pass)
  if (value !== null && passed === undefined) passed = results.every((r) => r.outcome === 'pass');
  const outcome: CellOutcome = value === null ? 'no-data' : passed ? 'pass' : column.level === 'warn' ? 'warn' : 'fail';
  return { criterionId: column.id, value, text: { en: formatValue(column.metric, value, 'en'), fr: formatValue(column.metric, value, 'fr') }, outcome, repeats: values.length };
}

function summarize(card: Omit<PlatformCard, 'summary'>, columns: CriterionColumn[], trials: Trial[]): { en: string; fr: string } {
  const name = card.platform;
  if (card.verdict === 'broken') {
    const reason = trials.find((t) => t.reason)?.reason ?? '';
    return { en: `${name} could not be measured. ${reason}`.trim(), fr: `${name} n’a pas pu être mesurée. ${reason}`.trim() };
  }
  if (!card.trustworthy) {
    return { en: `Not trustworthy: the test runner was saturated while measuring ${name}.`, fr: `Non fiable : la machine de test était saturée pendant la mesure de ${name}.` };
  }
  const passed = card.cells.filter((c) => c.outcome === 'pass').length;
  const failing = card.cells.filter((c) => c.outcome === 'fail' || c.outcome === 'no-data');
  const warnings = card.cells.filter((c) => c.outcome === 'warn');
  const names = (cells: ScoreCell[], lang: Lang): string =>
    cells.map((c) => columns.find((col) => col.id === c.criterionId)?.title[lang].toLowerCase() ?? c.criterionId).join(', ');
  let en = `${name} meets ${passed} of ${card.cells.length} criteria`;
  let fr = `${name} satisfait ${passed} critères sur ${card.cells.length}`;
  if (failing.length) {
    en += `; fails on ${names(failing, 'en')}`;
    fr += ` ; échoue sur : ${names(failing, 'fr')}`;
  }
  if (warnings.length) {
    en += `; warnings on ${names(warnings, 'en')}`;
    fr += ` ; avertissements sur : ${names(warnings, 'fr')}`;
  }
  return { en: `${en}.`, fr: `${fr}.` };
}

export function buildScorecard(run: RunRecord): ScorecardView {
  const networks: NetworkScorecard[] = [];
  for (const network of [...new Set(run.trials.map((t) => t.network))]) {
    const trials = run.trials.filter((t) => t.network === network);
    const columns = columnsOf(trials);
    const platforms: PlatformCard[] = [];
    for (const platform of [...new Set(trials.map((t) => t.platform))]) {
      const own = trials.filter((t) => t.platform === platform);
      const cells = columns.map((col) => cellFor(col, own));
      const total = cells.reduce((sum, c, i) => sum + WEIGHT[columns[i]!.level], 0);
      const earned = cells.reduce((sum, c, i) => sum + (c.outcome === 'pass' ? WEIGHT[columns[i]!.level] : 0), 0);
      const base = {
        platform,
        network,
        score: total === 0 ? 0 : Math.round((100 * earned) / total),
        verdict: combineVerdicts(own.map((t) => t.verdict)),
        trustworthy: own.every((t) => !t.runner.saturated),
        cells,
        trialIds: own.map((t) => t.id),
      };
      platforms.push({ ...base, summary: summarize(base, columns, own) });
    }
    platforms.sort((a, b) => b.score - a.score || a.platform.localeCompare(b.platform));
    networks.push({ network, columns, platforms });
  }
  return { runId: run.id, startedAt: run.startedAt, verdict: run.verdict, trustworthy: run.trials.every((t) => !t.runner.saturated), networks };
}
