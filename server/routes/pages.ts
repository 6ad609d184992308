/** The HTML pages: overview (scorecard), runs, run detail, platform trends, compare, printable scorecard. */
import { Router } from 'express';
import type { ViewerContext } from '../context.ts';
import { renderCached } from '../render.ts';
import { planFromRun } from '../../results/planning/plan-from-run.ts';
import { judged } from '../model/judge-run.ts';
import { buildTrends } from '../model/trends.ts';
import { buildWaterfall } from '../model/waterfall.ts';
import { qualityTimeline } from '../model/quality-timeline.ts';
import { comparePlatforms, compareRuns, type CompareView } from '../model/compare.ts';
import { KEY_METRICS } from '../model/trial-values.ts';
import { badRequest, notFound } from '../http-errors.ts';
import { allPlatforms, findRun, findTrial, queryString } from './load.ts';

export function createPagesRouter(context: ViewerContext): Router {
  const router = Router();

  // Overview: the latest scorecard, readable by a decision-maker in ten seconds
  router.get('/', async (_req, res) => {
    const snapshot = await context.snapshots.get();
    const latest = snapshot.latest;
    const scorecard = latest ? (await judged(context, snapshot, latest)).view : undefined;
    const recent = snapshot.runs.slice(-10).reverse();
    await renderCached(res, snapshot, 'overview', () => ({ run: latest, scorecard, recent, platforms: allPlatforms(snapshot), skipped: snapshot.skipped }));
  });

  // Runs: every stored run, newest first
  router.get('/runs', async (_req, res) => {
    const snapshot = await context.snapshots.get();
    await renderCached(res, snapshot, 'runs', () => ({ runs: [...snapshot.runs].reverse(), skipped: snapshot.skipped }));
  });

  // Run: its scorecard, its trials, and one trial in detail (the first failing one unless ?trial= says)
  router.get('/runs/:runId', async (req, res) => {
    const snapshot = await context.snapshots.get();
    const run = findRun(snapshot, req.params.runId);
    const { result, view: scorecard } = await judged(context, snapshot, run);
    // the trials as the engine judged them (criteria results and verdicts), the rest as stored
    const judgedRun = result.run;
    const wanted = queryString(req.query.trial);
    const trial = wanted ? findTrial(judgedRun, wanted) : (judgedRun.trials.find((t) => t.verdict !== 'passed') ?? judgedRun.trials[0]);
    const waterfall = trial ? buildWaterfall(trial) : undefined;
    const timeline = trial ? qualityTimeline(trial) : null;
    const planning = snapshot.memo(`planning:${run.id}`, () => planFromRun(run));
    await renderCached(res, snapshot, 'run', () => ({ run: judgedRun, scorecard, trial, waterfall, timeline, planning, keyMetrics: KEY_METRICS }));
  });

  // Platform: trends over the nights with thresholds and regressions
  router.get('/platforms/:platform', async (req, res) => {
    const snapshot = await context.snapshots.get();
    const platform = req.params.platform;
    if (!allPlatforms(snapshot).includes(platform)) throw notFound('platform');
    const network = queryString(req.query.network) ?? 'lan';
    const trends = snapshot.memo(`trends:${platform}:${network}`, () => buildTrends(snapshot.runs, platform, network));
    if (trends.runIds.length === 0 && trends.networks.length > 0 && !trends.networks.includes(network)) throw notFound('network');
    await renderCached(res, snapshot, 'platform', () => ({ platform, trends, keyMetrics: KEY_METRICS }));
  });

  // Compare: two platforms (?a=&b=) or two runs (?runA=&runB=)
  router.get('/compare', async (req, res) => {
    const snapshot = await context.snapshots.get();
    const platforms = allPlatforms(snapshot);
    const [a, b, runA, runB] = ['a', 'b', 'runA', 'runB'].map((k) => queryString(req.query[k]));
    const network = queryString(req.query.network) ?? 'lan';
    let view: CompareView | undefined;
    if (runA && runB) view = compareRuns(findRun(snapshot, runA), findRun(snapshot, runB));
    else if (a && b) {
      if (!platforms.includes(a) || !platforms.includes(b)) throw badRequest('unknown platform');
      view = snapshot.memo(`compare:${a}:${b}:${network}`, () => comparePlatforms(snapshot.runs, a, b, network));
    }
    const defaults = { a: a ?? platforms[0], b: b ?? platforms[1], runA: runA ?? snapshot.runs.at(-2)?.id, runB: runB ?? snapshot.runs.at(-1)?.id };
    await renderCached(res, snapshot, 'compare', () => ({ view, platforms, runs: snapshot.runs.slice(-60).reverse(), defaults }));
  });

  // Printable scorecard (also what `meetbench report --format pdf` prints)
  router.get(['/print', '/print/:runId'], async (req, res) => {
    const snapshot = await context.snapshots.get();
    const asked = (req.params as { runId?: string }).runId;
    const run = findRun(snapshot, typeof asked === 'string' ? asked : 'latest');
    const scorecard = (await judged(context, snapshot, run)).view;
    await renderCached(res, snapshot, 'print', () => ({ run, scorecard }));
  });

  return router;
}
