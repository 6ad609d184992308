/**
 * The scenario file schema: the single source of the TypeScript types, the defaults, the validation of
 * `meetbench validate` and the JSON Schema editors use (scenarios/scenario.schema.json, written by
 * `npm run schemas`). Objects are strict: an unknown key is a typo until proven otherwise.
 */
import { z } from 'zod';

const positiveInt = (max: number) => z.number().int().min(1).max(max);

export const platformSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/, 'lower-case letters, digits and "-" (it names the platform in reports)'),
    title: z.string().optional().describe('name shown to decision-makers, e.g. "Zimbra Connect (pilot)"'),
    adapter: z.string().describe('join recipe, see `meetbench platforms`'),
    url: z.string().describe('base URL of the deployment, or "lab:janus" / "lab:galene" for the local lab'),
    options: z.record(z.string(), z.unknown()).default({}).describe('adapter options, see `meetbench platforms`'),
  })
  .describe('one deployment to evaluate');

export const mediaSchema = z.strictObject({
  width: z.number().int().min(16).max(1920).default(320),
  height: z.number().int().min(16).max(1080).default(180),
  fps: z.number().int().min(1).max(60).default(15),
});

export const scenarioSchema = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,60}$/, 'letters, digits, ".", "_" and "-"'),
    description: z.string().optional(),
    platforms: z.array(platformSchema).min(1, 'at least one platform'),
    participants: z
      .strictObject({
        count: positiveInt(64).describe('participants per trial'),
        receivers: z.number().int().min(0).default(0).describe('how many of them join receive-only'),
        media: mediaSchema.default({ width: 320, height: 180, fps: 15 }),
        rampUpMs: z.number().int().min(0).max(600_000).default(1000).describe('pause between two joins'),
        namePrefix: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,20}$/, 'letters and digits (some platforms refuse other characters)').default('bench'),
      })
      .refine((p) => p.receivers <= p.count, { message: 'receivers cannot exceed count', path: ['receivers'] }),
    rooms: z.strictObject({ count: positiveInt(64).default(1) }).default({ count: 1 }).describe('participants are spread over this many rooms'),
    durationS: z.number().min(1).max(86_400).default(30).describe('measurement window after everybody joined'),
    warmupS: z.number().min(0).max(3_600).default(5).describe('seconds after the last join that are not measured'),
    networks: z.array(z.string()).min(1).default(['lan']).describe('network profiles to run the scenario under'),
    repeats: positiveInt(100).default(1),
    timeouts: z
      .strictObject({
        joinMs: z.number().int().min(1000).max(600_000).default(30_000).describe('navigation to joined, per participant'),
        closeMs: z.number().int().min(100).max(60_000).default(5_000).describe('browser close before it is killed'),
      })
      .default({ joinMs: 30_000, closeMs: 5_000 }),
    runner: z
      .strictObject({
        maxCpuPct: z.number().min(10).max(100).default(85).describe('average runner CPU above which results are inconclusive'),
        browser: z.enum(['per-participant', 'shared']).default('per-participant').describe('one browser per participant, or contexts of one'),
      })
      .default({ maxCpuPct: 85, browser: 'per-participant' }),
    criteria: z.string().optional().describe('criteria file, relative to this scenario file'),
  })
  .describe('meetbench scenario');

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioPlatform = z.output<typeof platformSchema>;
