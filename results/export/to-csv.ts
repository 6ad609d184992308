/**
 * CSV export, one row per platform × criterion.
 *
 * Default `fr` dialect: `;` separator, decimal comma, UTF-8 byte-order mark. That is what a spreadsheet
 * in French locale writes and reads itself: a `,` separator lands everything in one column, and a
 * decimal point turns `1.5` into text or a date ("1 mai") instead of a number; without the BOM,
 * "Galène" shows as "GalÃ¨ne". The `en` dialect (`,`, decimal point, no BOM) is for scripts.
 */
import { stringify } from 'csv-stringify/sync';
import type { Scorecard } from '../scorecard/scorecard-types.ts';
import { exportRows } from './export-rows.ts';

export type CsvDialect = 'fr' | 'en';

export const CSV_COLUMNS = [
  'run_id',
  'platform',
  'platform_name',
  'platform_verdict',
  'score',
  'criterion',
  'kind',
  'title_fr',
  'title_en',
  'level',
  'scenario',
  'network',
  'metric',
  'threshold',
  'across_repeats',
  'value',
  'repeat_values',
  'outcome',
  'met',
  'weight',
  'reason',
  'source',
] as const;

export function toCsv(runId: string, scorecards: readonly Scorecard[], dialect: CsvDialect = 'fr'): string {
  const fr = dialect === 'fr';
  // numbers keep full precision (rounded to 4 decimals); only the decimal mark changes
  const num = (v: number | null): string => (v === null || !Number.isFinite(v) ? '' : fr ? String(round(v)).replace('.', ',') : String(round(v)));
  const records = exportRows(scorecards).map((r) => [
    text(runId),
    text(r.platform),
    text(r.platformName),
    r.platformVerdict,
    num(r.score),
    text(r.criterion),
    r.kind,
    text(r.titleFr),
    text(r.titleEn),
    r.level,
    text(r.scenario),
    text(r.network),
    r.metric,
    r.threshold,
    r.acrossRepeats,
    num(r.value),
    // a list inside a cell: `|` never clashes with the separator or the decimal mark
    r.repeatValues.map(num).join(' | '),
    r.outcome,
    r.met,
    num(r.weight),
    text(r.reason),
    text(r.source),
  ]);
  const csv = stringify([[...CSV_COLUMNS], ...records], { delimiter: fr ? ';' : ',', record_delimiter: 'windows' });
  return fr ? `\uFEFF${csv}` : csv;
}

/** a text cell a spreadsheet would run as a formula (=, +, -, @) gets a leading quote: CSV injection */
const text = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

const round = (v: number): number => Math.round(v * 10_000) / 10_000;
