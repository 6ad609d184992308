/**
 * The scenario's web-tier load: while the media participants join, autocannon loads the platform's web
 * endpoints (landing page, config, join API) so the trial shows how the web tier holds a start-of-meeting
 * rush. Paths are relative to the platform URL; absolute URLs must be on the platform's own origin.
 */
import { z } from 'zod';

export const webLoadSchema = z
  .strictObject({
    paths: z.array(z.string().regex(/^\//, 'a path starting with "/"')).default([]).describe('paths under the platform URL, e.g. /, /config.js'),
    urls: z
      .array(z.string().regex(/^https?:\/\/[^\s]+$/, 'an http(s) URL on the platform origin'))
      .default([])
      .describe('absolute URLs on the platform origin'),
    connections: z.number().int().min(1).max(1000).default(4).describe('concurrent connections per URL'),
    rate: z.number().min(1).max(100_000).optional().describe('requests per second over all connections of a URL (default: as fast as the server answers)'),
    durationS: z.number().min(1).max(3_600).default(10).describe('seconds of load, starting with the first join'),
    timeoutS: z.number().min(1).max(120).default(10).describe('a request slower than this counts as an error'),
  })
  .refine((w) => w.paths.length + w.urls.length > 0, { message: 'give at least one of paths or urls', path: ['paths'] })
  .describe('HTTP load on the platform web tier during the joins');

export type WebLoadConfig = z.output<typeof webLoadSchema>;
