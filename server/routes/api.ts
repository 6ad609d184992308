/** JSON API: everything the pages show, for scripts and for the charts (which read it, not inline data). */
import { Router } from 'express';
import type { ViewerContext } from '../context.ts';
import { planFromRun } from '../../results/planning/plan-from-run.ts';
import { judged } from '../model/judge-run.ts';
import { buildTrends } from '../model/trends.ts';
import { buildWaterfall } from '../model/waterfall.ts';
import { comparePlatforms, compareRuns } from '../model/compare.ts';
import { chartSeries } from '../model/sample-series.ts';
import { pairSeries } from '../model/pair-series.ts';
import { badRequest, notFound } from '../http-errors.ts';
import { allPlatforms, findRun, findTrial, queryString } from './load.ts';
import { summarizeRun } from '../../results/store/lowdb-store.ts';

export function createApiRouter(context: ViewerContext): Router {
  const router = Router();

  router.get('/overview', async (_req, res) => {
    const snapshot = await context.snapshots.get();
    const latest = snapshot.latest;
    const card = latest ? await judged(context, snapshot, latest) : undefined;
    res.json({
      run: latest ? { id: latest.id, startedAt: latest.startedAt, verdict: card?.result.verdict ?? latest.verdict } : null,
      scorecard: card?.view ?? null,
      // the engine's scorecards as `meetbench score --json` prints them
      scorecards: card?.result.scorecards ?? null,
      // stored runs that could not be read, left out of everything above
      skippedRuns: snapshot.skipped,
    });
  });

  // from the snapshot, like every page: the store file is read once per change, not once per request
  router.get('/runs', async (_req, res) => {
    const snapshot = await context.snapshots.get();
    res.json(snapshot.memo('run-summaries', () => [...snapshot.runs].reverse().map(summarizeRun)));
  });

  router.get('/runs/:runId', async (req, res) => {
    res.json(findRun(await context.snapshots.get(), req.params.runId));
  });

  router.get('/runs/:runId/scorecard', async (req, res) => {
    const snapshot = await context.snapshots.get();
    const run = findRun(snapshot, req.params.runId);
    const card = await judged(context, snapshot, run);
    res.json({ runId: run.id, verdict: card.result.verdict, view: card.view, scorecards: card.result.scorecards });
  });

  // bandwidth planning projected from the run's measured rates (results/planning/)
  router.get('/runs/:runId/planning', async (req, res) => {
    const snapshot = await context.snapshots.get();
    const run = findRun(snapshot, req.params.runId);
    res.json(snapshot.memo(`planning:${run.id}`, () => planFromRun(run)));
  });

  router.get('/runs/:runId/trials/:trialId', async (req, res) => {
    const trial = findTrial(findRun(await context.snapshots.get(), req.params.runId), req.params.trialId);
    res.json({ trial, waterfall: buildWaterfall(trial) });
  });

  // per-second series for the charts, one object per participant
  router.get('/runs/:runId/trials/:trialId/series', async (req, res) => {
    const run = findRun(await context.snapshots.get(), req.params.runId);
    const trial = findTrial(run, req.params.trialId);
    res.json(chartSeries(await context.store.readSamples(run.id, trial.id)));
  });

  // per-second latency of every sender → receiver pair (generated media only)
  router.get('/runs/:runId/trials/:trialId/pairs', async (req, res) => {
    const run = findRun(await context.snapshots.get(), req.params.runId);
    const trial = findTrial(run, req.params.trialId);
    res.json(pairSeries(await context.store.readSamples(run.id, trial.id)));
  });

  // the raw samples as stored, one JSON object a line, as a download
  router.get('/runs/:runId/trials/:trialId/samples.ndjson', async (req, res) => {
    const run = findRun(await context.snapshots.get(), req.params.runId);
    const trial = findTrial(run, req.params.trialId);
    const samples = await context.store.readSamples(run.id, trial.id);
    res.attachment(`${run.id}-${trial.id}-samples.ndjson`);
    res.type('application/x-ndjson').send(samples.map((s) => JSON.stringify(s)).join('\n') + (samples.length ? '\n' : ''));
  });

  router.get('/platforms', async (_req, res) => {
    res.json(allPlatforms(await context.snapshots.get()));
  });

  router.get('/platforms/:platform/trends', async (req, res) => {
    const snapshot = await context.snapshots.get();
    const platform = req.params.platform;
    if (!allPlatforms(snapshot).includes(platform)) throw notFound('platform');
    const network = queryString(req.query.network) ?? 'lan';
    res.json(snapshot.memo(`trends:${platform}:${network}`, () => buildTrends(snapshot.runs, platform, network)));
  });

  router.get('/compare', async (req, res) => {
    const snapshot = await context.snapshots.get();
    const [a, b, runA, runB] = ['a', 'b', 'runA', 'runB'].map((k) => queryString(req.query[k]));
    if (runA && runB) return void res.json(compareRuns(findRun(snapshot, runA), findRun(snapshot, runB)));
    if (!a || !b) throw badRequest('give ?a=PLATFORM&b=PLATFORM or ?runA=RUN&runB=RUN');
    const platforms = allPlatforms(snapshot);
    if (!platforms.includes(a) || !platforms.includes(b)) throw badRequest('unknown platform');
    const network = queryString(req.query.network) ?? 'lan';
    res.json(snapshot.memo(`compare:${a}:${b}:${network}`, () => comparePlatforms(snapshot.runs, a, b, network)));
  });

  router.use((_req, _res, next) => next(notFound('API endpoint')));
  return router;
}
