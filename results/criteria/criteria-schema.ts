/**
 * The criteria file: one zod schema gives the TypeScript types, the load-time checks and the JSON Schema
 * editors use (scenarios/criteria.schema.json, written by `npm run schemas`).
 * Threshold syntax and metric fit are checked here too, so every problem of a file is reported at once
 * with its line, and a typo never turns into a silent `no-data` at the end of a nightly run.
 */
import { z } from 'zod';
import { findMetric, METRIC_IDS } from '../metrics.ts';
import { thresholdMisfit } from './threshold-fit.ts';
import { parseThreshold, ThresholdSyntaxError } from './threshold-parser.ts';
import { SAMPLE_FIELDS } from './participant-values.ts';

export const LEVELS = ['error', 'warn', 'off'] as const;
export type Level = (typeof LEVELS)[number];
export const ACROSS_REPEATS = ['median', 'pessimistic', 'optimistic'] as const;
export type AcrossRepeats = (typeof ACROSS_REPEATS)[number];
export const NO_DATA = ['fail', 'pass', 'skip'] as const;
export type NoDataPolicy = (typeof NO_DATA)[number];

const id = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'expected an id of lowercase letters, digits, "-" and "_" (e.g. join-time-p95)');

const text = z.string().min(1).max(500);
export const bilingualSchema = z.strictObject({ fr: text, en: text }).describe('The same text in French and in English.');
export type Bilingual = z.infer<typeof bilingualSchema>;

const weight = z.number().min(0).max(100).describe('Relative weight in the score 0–100 (default 1; 0 keeps the criterion out of the score).');

export const windowSchema = z
  .strictObject({
    skipS: z.number().min(0).max(86_400).describe('Seconds to skip after each participant’s first sample (warm-up).'),
    untilS: z.number().positive().max(86_400).optional().describe('Stop at this many seconds after the first sample.'),
  })
  .describe('Judge only this part of the per-second samples. Applies to sample-based metrics only.');

export const measuredCriterionSchema = z
  .strictObject({
    id,
    metric: z.string().describe('A metric id of the catalogue (docs/criteria.md), e.g. join_time_ms.'),
    threshold: z.string().describe('One k6 threshold expression, e.g. "p(95) < 5000".'),
    level: z.enum(LEVELS).optional().describe('error: a failure fails the platform and the exit code; warn: reported only; off: not judged.'),
    acrossRepeats: z.enum(ACROSS_REPEATS).optional().describe('How the repeats of one platform, scenario and network are combined.'),
    window: windowSchema.optional(),
    participants: z
      .number()
      .gt(0)
      .max(1)
      .optional()
      .describe('Judge each participant alone; this share of them (0–1] must pass. Without it, the threshold applies to all participants together.'),
    noData: z
      .enum(NO_DATA)
      .optional()
      .describe('What a criterion without any measured value gives: fail (default), pass, or skip (left out of score and gates).'),
    networks: z.array(z.string().min(1)).min(1).optional().describe('Judge only trials with these network profiles (e.g. [vpn]).'),
    weight: weight.optional(),
    title: bilingualSchema,
    explanation: bilingualSchema.optional(),
  })
  // `when`: run even when another field of the criterion is wrong, so every problem is reported at once
  .superRefine((criterion, ctx) => checkMeasured(criterion, (message, key) => ctx.addIssue({ code: 'custom', path: [key], message })), { when: () => true });
export type MeasuredCriterion = z.infer<typeof measuredCriterionSchema>;

export const declaredValueSchema = z.strictObject({
  value: z.union([z.boolean(), z.literal('partial')]).describe('true: met; false: not met; partial: half the weight, and not enough for a must-have.'),
  source: text.describe('Where this comes from: a URL, a document, a test report.'),
  note: text.optional(),
});
export type DeclaredValue = z.infer<typeof declaredValueSchema>;

export const declaredCriterionSchema = z.strictObject({
  id,
  title: bilingualSchema,
  explanation: bilingualSchema.optional(),
  level: z.enum(LEVELS).optional(),
  weight: weight.optional(),
  /** by platform id, as in the scenario */
  values: z.record(z.string().min(1), declaredValueSchema).default({}).describe('The value for each platform id, with its source.'),
});
export type DeclaredCriterion = z.infer<typeof declaredCriterionSchema>;

export const criteriaFileSchema = z
  .strictObject({
    version: z.literal(1).describe('Version of this file format.'),
    defaults: z
      .strictObject({ level: z.enum(LEVELS).optional(), acrossRepeats: z.enum(ACROSS_REPEATS).optional(), noData: z.enum(NO_DATA).optional() })
      .optional(),
    platforms: z
      .record(z.string().min(1), z.strictObject({ name: text }))
      .optional()
      .describe('Display names, e.g. galene: { name: Galène }.'),
    measured: z.array(measuredCriterionSchema).default([]),
    declared: z.array(declaredCriterionSchema).default([]),
  })
  .superRefine(
    (file, ctx) => {
      // `when` runs this even when the document is not an object at all (null, a list): nothing to check then
      if (typeof file !== 'object' || file === null) return;
      const seen = new Map<string, string>();
      for (const section of ['measured', 'declared'] as const) {
        const list: unknown = file[section];
        if (!Array.isArray(list)) continue;
        list.forEach((criterion: unknown, index) => {
          const criterionId = (criterion as { id?: unknown } | null)?.id;
          if (typeof criterionId !== 'string') return;
          const first = seen.get(criterionId);
          if (first) ctx.addIssue({ code: 'custom', path: [section, index, 'id'], message: `duplicate id "${criterionId}" (first used at ${first})` });
          else seen.set(criterionId, `${section}[${index}]`);
        });
      }
    },
    { when: () => true },
  );
export type CriteriaFile = z.infer<typeof criteriaFileSchema>;

/**
 * The checks the type system cannot express: threshold syntax, metric fit, window on sample metrics.
 * It may run on a criterion whose other fields are wrong, so it checks the types it relies on.
 */
function checkMeasured(criterion: MeasuredCriterion, report: (message: string, key: keyof MeasuredCriterion) => void): void {
  if (typeof criterion !== 'object' || criterion === null) return;
  const { metric, threshold, window } = criterion as Partial<Record<string, unknown>>;
  const knownMetric = typeof metric === 'string' && findMetric(metric) !== undefined;
  if (typeof metric === 'string' && !knownMetric) report(`unknown metric "${metric}"; expected one of: ${METRIC_IDS.join(', ')}`, 'metric');
  if (typeof threshold === 'string') {
    try {
      const parsed = parseThreshold(threshold);
      const misfit = knownMetric ? thresholdMisfit(metric, parsed) : null;
      if (misfit) report(misfit, 'threshold');
    } catch (error) {
      if (!(error instanceof ThresholdSyntaxError)) throw error;
      report(`invalid threshold "${threshold}": ${error.message}`, 'threshold');
    }
  }
  if (window && typeof window === 'object' && knownMetric && !(metric in SAMPLE_FIELDS)) {
    report(`window needs per-second samples and ${metric} has none; window applies to: ${Object.keys(SAMPLE_FIELDS).join(', ')}`, 'window');
  }
  const { skipS, untilS } = (window ?? {}) as { skipS?: unknown; untilS?: unknown };
  if (typeof skipS === 'number' && typeof untilS === 'number' && untilS <= skipS) {
    report(`window.untilS (${untilS}) must be greater than window.skipS (${skipS})`, 'window');
  }
}
