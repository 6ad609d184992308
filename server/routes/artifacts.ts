/**
 * Artifacts (failure screenshots, console logs) served only from inside the data directory: by run id,
 * trial id and a file name the trial lists, each checked against a strict pattern, then the resolved real
 * path must lie inside the data directory's real path (so neither `..` nor a symlink can climb out).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import type { ViewerContext } from '../context.ts';
import { badRequest, notFound } from '../http-errors.ts';
import { findRun, findTrial } from './load.ts';

export const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

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

export function isSafeName(name: string): boolean {
  return SAFE_NAME.test(name) && !name.includes('..');
}

export function createArtifactsRouter(context: ViewerContext): Router {
  const router = Router();
  router.get('/:runId/:trialId/:name', async (req, res) => {
    const { runId, trialId, name } = req.params;
    if (![runId, trialId, name].every(isSafeName)) throw badRequest('invalid artifact address');
    const type = TYPES[path.extname(name).toLowerCase()];
    if (!type) throw badRequest('unknown artifact type');
    const trial = findTrial(findRun(await context.snapshots.get(), runId), trialId);
    if (!trial.participants.some((p) => p.artifacts.includes(name))) throw notFound('artifact');
    const root = await fs.realpath(context.store.dataDir);
    const dir = await context.store.artifactDir(runId, trialId);
    let real: string;
    try {
      real = await fs.realpath(path.resolve(dir, name));
    } catch {
      throw notFound('artifact file');
    }
    if (!real.startsWith(root + path.sep)) throw notFound('artifact file');
    const body = await fs.readFile(real);
    res.type(type);
    res.setHeader('Content-Disposition', type.startsWith('image/') ? 'inline' : `inline; filename="${name}"`);
    res.setHeader('Cache-Control', 'private, max-age=3600');
    res.send(body);
  });
  // anything else under /artifacts (missing parts, extra segments) is a bad address
  router.use((_req, _res, next) => next(badRequest('invalid artifact address')));
  return router;
}
