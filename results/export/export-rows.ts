/**
 * The flat rows every tabular export shares: one per platform × criterion (× scenario/network group),
 * with plain values only (numbers, strings, empty for none), so CSV, JUnit and Markdown say the same.
 */
import type { Scorecard } from '../scorecard/scorecard-types.ts';

export interface ExportRow {
  platform: string;
  platformName: string;
  platformVerdict: string;
  score: number | null;
  criterion: string;
  kind: 'measured' | 'declared';
  titleFr: string;
  titleEn: string;
  level: string;
  scenario: string;
  network: string;
  metric: string;
  threshold: string;
  acrossRepeats: string;
  value: number | null;
  repeatValues: (number | null)[];
  outcome: string;
  /** yes / no / skipped */
  met: 'yes' | 'no' | 'skipped';
  weight: number;
  reason: string;
  source: string;
}

export function exportRows(scorecards: readonly Scorecard[]): ExportRow[] {
  return scorecards.flatMap((card) =>
    card.rows.map((row) => ({
      platform: card.platform,
      platformName: card.name,
      platformVerdict: card.verdict,
      score: card.score,
      criterion: row.criterionId,
      kind: row.kind,
      titleFr: row.title.fr,
      titleEn: row.title.en,
      level: row.level,
      scenario: row.scenario ?? '',
      network: row.network ?? '',
      metric: row.metric ?? '',
      threshold: row.threshold ?? '',
      acrossRepeats: row.acrossRepeats ?? '',
      value: row.value,
      repeatValues: row.repeats?.map((r) => r.value) ?? [],
      outcome: row.outcome,
      met: row.met === null ? 'skipped' : row.met ? 'yes' : 'no',
      weight: Math.round(row.weight * 1000) / 1000,
      reason: row.reason ?? '',
      source: row.source ?? '',
    })),
  );
}
