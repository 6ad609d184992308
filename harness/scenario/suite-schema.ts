/**
 * The suite file schema (`meetbench nightly SUITE.yaml`): which scenarios, on which platforms, with which
 * network profiles and how many repeats, judged by which criteria, stopped by which deadline, compared with
 * how much history, and who is told. Objects are strict: an unknown key is a typo until proven otherwise.
 * The JSON Schema for editors (scenarios/suite.schema.json) is generated from it.
 */
import { z } from 'zod';
import { METRIC_IDS } from '../../results/metrics.ts';
import { DEFAULT_HISTORY } from '../../results/history/history-options.ts';
import { DEADLINE_FORMAT, parseDeadline } from './deadline.ts';
import { platformSchema } from './scenario-schema.ts';

export const NOTIFY_FORMATS = ['json', 'mattermost', 'slack', 'rocketchat', 'teams'] as const;

const httpUrl = z
  .string()
  .refine((v) => URL.canParse(v) && ['http:', 'https:'].includes(new URL(v).protocol), { message: 'expected an http:// or https:// URL' });

export const notifySchema = z
  .strictObject({
    url: httpUrl.describe('incoming webhook URL (kept out of logs: it usually holds a secret)'),
    format: z.enum(NOTIFY_FORMATS).default('json').describe('json: the full report; the others: chat text for that product'),
    retries: z.number().int().min(0).max(10).default(3).describe('attempts after the first one failed'),
    backoffMs: z.number().int().min(0).max(300_000).default(2_000).describe('wait before the first retry, doubled after each'),
    timeoutMs: z.number().int().min(100).max(120_000).default(10_000).describe('per attempt'),
  })
  .describe('one webhook told at the end of the night');

export const historySchema = z
  .strictObject({
    nights: z.number().int().min(1).max(365).default(DEFAULT_HISTORY.nights).describe('previous nights of this suite to compare with'),
    significance: z.number().gt(0).lt(0.5).default(DEFAULT_HISTORY.significance).describe('p-value below which a change counts (one-sided Mann-Whitney U)'),
    minEffectPct: z
      .number()
      .min(0)
      .max(1000)
      .default(DEFAULT_HISTORY.minEffectPct)
      .describe('and the median must move by at least this many percent the wrong way'),
    minBaselineValues: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(DEFAULT_HISTORY.minBaselineValues)
      .describe('trial values needed in the previous nights before judging'),
    metrics: z
      .array(z.enum(METRIC_IDS as [string, ...string[]]))
      .min(1)
      .default([...DEFAULT_HISTORY.metrics])
      .describe('metrics compared with history'),
    failOnRegression: z.boolean().default(false).describe('a regression turns a passed night into failed (exit 1); by default it is only reported'),
  })
  .describe('regressions against previous nights');

export const suiteSchema = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,60}$/, 'letters, digits, ".", "_" and "-"'),
    description: z.string().optional(),
    scenarios: z.array(z.string().min(1)).min(1, 'at least one scenario file').describe('scenario files, relative to this suite file, run in this order'),
    platforms: z.array(platformSchema).min(1).optional().describe("the deployments to compare; they replace each scenario's own platforms"),
    only: z.array(z.string()).min(1).optional().describe('run only the platforms with these ids'),
    networks: z.array(z.string().min(1)).min(1).optional().describe("network profiles, replacing each scenario's"),
    acceptPartialShaping: z
      .boolean()
      .optional()
      .describe(
        "replaces each scenario's: run a profile this machine cannot apply in full (e.g. the VPN's delay on a kernel without netem); the report says what was not applied",
      ),
    repeats: z.number().int().min(1).max(100).default(3).describe('trials per platform × scenario × network; the scorecard takes the median of them'),
    criteria: z.string().optional().describe('criteria file, relative to this suite file'),
    deadline: z
      .string()
      .refine((v) => parseDeadline(v) !== null, { message: `expected ${DEADLINE_FORMAT}` })
      .optional()
      .describe(`stop the night cleanly at: ${DEADLINE_FORMAT}`),
    history: historySchema.default(historySchema.parse({})),
    notify: z.array(notifySchema).default([]),
    viewer: z.strictObject({ baseUrl: httpUrl.describe('where `meetbench serve` is reachable, for links in notifications') }).optional(),
  })
  .describe('meetbench suite (nightly comparison)');

export type Suite = z.output<typeof suiteSchema>;
export type NotifyTarget = z.output<typeof notifySchema>;
