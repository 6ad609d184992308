/**
 * Artifacts (failure screenshots, console logs) served only from inside the data directory: by run id,
 * trial id and a file name the trial lists, each checked against a strict pattern, then the path is built
 * by paths/inside-root.ts, which follows links and refuses one that leads out of the data directory.
 */
import path from 'node:path';
import { Router } from 'express';
import type { ViewerContext } from '../context.ts';
import { badRequest, notFound } from '../http-errors.ts';
import { findRun, findTrial } from './load.ts';
import { isSafeName } from '../../results/paths/safe-name.ts';
import { realPathInside } from '../../results/paths/inside-root.ts';
import { readRegularFile } from '../../results/paths/read-regular-file.ts';

/** a failure screenshot or a console log is a few megabytes; more is not something a trial wrote */
const MAX_ARTIFACT_BYTES = 64 * 1024 * 1024;

const TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.log': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.ndjson': 'application/x-ndjson',
};

export function createArtifactsRouter(context: ViewerContext): Router {
  const router = Router();
  router.get('/:runId/:trialId/:name', async (req, res) => {
    const { runId, trialId, name } = req.params;
    if (![runId, trialId, name].every(isSafeName)) throw badRequest('invalid artifact address');
    const type = TYPES[path.extname(name).toLowerCase()];
    if (!type) throw badRequest('unknown artifact type');
    const trial = findTrial(findRun(await context.snapshots.get(), runId), trialId);
    if (!trial.participants.some((p) => p.artifacts.includes(name))) throw notFound('artifact');
    // read-only: the path is only computed (artifactDir would create the folder of a pruned trial)
    let body: Buffer | null;
    try {
      body = await readRegularFile(await realPathInside(context.store.dataDir, 'artifacts', runId, trialId, name), MAX_ARTIFACT_BYTES);
    } catch {
      // a link out of the data directory, a FIFO, a device, a file too large: the same answer as missing,
      // so nothing outside can be probed and nothing can hang the request
      body = null;
    }
    if (body === null) throw notFound('artifact file');
    res.type(type);
    res.setHeader('Content-Disposition', type.startsWith('image/') ? 'inline' : `inline; filename="${name}"`);
    res.setHeader('Cache-Control', 'private, max-age=3600');
    res.send(body);
  });
  // anything else under /artifacts (missing parts, extra segments) is a bad address
  router.use((_req, _res, next) => next(badRequest('invalid artifact address')));
  return router;
}
