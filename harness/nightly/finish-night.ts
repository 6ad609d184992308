/**
 * After the last trial: judge the night (criteria → scorecards, median of the repeats), decide its status
 * (complete, or incomplete with what was not run), compare it with the previous nights of the same suite,
 * store it, write the reports (DATA/reports/RUN/: scorecard.txt, junit.xml, report.md, night.json) and
 * work out the exit code. Notifications come after, from the same NightReport.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CriteriaFile } from '../../results/criteria/criteria-schema.ts';
import { toJunit } from '../../results/export/to-junit.ts';
import { toMarkdown } from '../../results/export/to-markdown.ts';
import { detectRegressions } from '../../results/history/detect-regressions.ts';
import { combineVerdicts, EXIT_CODES, type RunRecord, type Sample } from '../../results/run-record.ts';
import { formatScorecard } from '../../results/scorecard/format-scorecard.ts';
import { scoreRun } from '../../results/scorecard/score-run.ts';
import type { Scorecard } from '../../results/scorecard/scorecard-types.ts';
import type { ResultsStore } from '../../results/store/results-store.ts';
import type { LoadedSuite } from '../scenario/load-suite.ts';
import { historyMarkdown } from './history-markdown.ts';
import type { NightReport, PlatformLine } from './night-report.ts';
import type { SuiteRunResult } from './run-suite.ts';

export interface FinishOptions {
  loaded: LoadedSuite;
  store: ResultsStore;
  criteria: CriteriaFile | undefined;
  result: SuiteRunResult;
}

export interface FinishedNight {
  run: RunRecord;
  scorecards: Scorecard[];
  report: NightReport;
  scorecardText: string;
}

export async function finishNight({ loaded, store, criteria, result }: FinishOptions): Promise<FinishedNight> {
  const { suite } = loaded;
  let run: RunRecord = { ...result.run, finishedAt: new Date().toISOString(), status: result.stoppedBy ? 'incomplete' : 'complete' };

  let scorecards: Scorecard[] = [];
  if (criteria) {
    const samples = new Map<string, Sample[]>();
    for (const trial of run.trials.filter((t) => t.samplesFile)) samples.set(trial.id, await store.readSamples(run.id, trial.id));
    const scored = scoreRun(run, criteria, [], { samples: (id) => samples.get(id) });
    run = scored.run;
    scorecards = scored.scorecards;
  } else {
    run.verdict = combineVerdicts(run.trials.map((t) => t.verdict));
    run.reason = null;
  }

  const previous = (await store.allRuns()).filter((r) => r.kind === 'nightly' && r.source === run.source && r.id !== run.id && r.status !== 'aborted' && r.startedAt < run.startedAt);
  const history = detectRegressions(run, previous, suite.history);

  const measured = run.trials.length;
  if (run.status === 'incomplete') {
    if (run.verdict !== 'broken') run.verdict = 'inconclusive';
    run.reason = `stopped by the ${result.stoppedBy} after ${measured} of ${result.planned} trial(s); ${result.planned - measured} not run. ${run.reason ?? ''}`.trim();
  } else if (measured === 0) {
    run.verdict = 'broken';
    run.reason = 'no trial was run';
  } else if (suite.history.failOnRegression && history.regressions.length > 0 && run.verdict === 'passed') {
    run.verdict = 'failed';
    run.reason = `${history.regressions.length} regression(s) against previous nights. ${run.reason ?? ''}`.trim();
  }
  await store.saveRun(run);

  const platforms: PlatformLine[] = scorecards.length
    ? scorecards.map((c) => ({ platform: c.platform, name: c.name, verdict: c.verdict, score: c.score, summary: c.summary.en, trials: c.trials.total }))
    : [...new Set(run.trials.map((t) => t.platform))].map((platform) => {
        const own = run.trials.filter((t) => t.platform === platform);
        const verdict = combineVerdicts(own.map((t) => t.verdict));
        return { platform, name: platform, verdict, score: null, summary: `${own.length} trial(s), no criteria file: ${verdict}`, trials: own.length };
      });

  const dir = path.join(store.dataDir, 'reports', run.id);
  await mkdir(dir, { recursive: true });
  const scorecardText = scorecards.length ? formatScorecard(scorecards, 'en') : platforms.map((p) => `${p.name}: ${p.verdict} (${p.summary})`).join('\n');
  const reports = { scorecard: path.join(dir, 'scorecard.txt'), junit: path.join(dir, 'junit.xml'), markdown: path.join(dir, 'report.md'), json: path.join(dir, 'night.json') };
  const exitCode = result.stoppedBy === 'signal' ? EXIT_CODES.interrupted : EXIT_CODES[run.verdict];
  const report: NightReport = {
    schemaVersion: 1,
    suite: suite.name,
    runId: run.id,
    status: run.status,
    verdict: run.verdict,
    stoppedBy: result.stoppedBy,
    reason: run.reason ?? null,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    trials: { planned: result.planned, measured, broken: run.trials.filter((t) => t.verdict === 'broken').length, inconclusive: run.trials.filter((t) => t.verdict === 'inconclusive').length },
    platforms,
    history,
    link: suite.viewer ? new URL(`runs/${encodeURIComponent(run.id)}`, suite.viewer.baseUrl.endsWith('/') ? suite.viewer.baseUrl : `${suite.viewer.baseUrl}/`).href : null,
    reports,
    exitCode,
  };
  const incompleteNote = run.status === 'incomplete' ? `\n> **Incomplete night**: ${run.reason}\n` : '';
  await writeFile(reports.scorecard, `${scorecardText}\n`);
  await writeFile(reports.junit, toJunit(run, scorecards));
  await writeFile(reports.markdown, `${toMarkdown(run, scorecards, 'en')}${incompleteNote}${historyMarkdown(history, suite.history)}`);
  await writeFile(reports.json, `${JSON.stringify(report, null, 2)}\n`);
  return { run, scorecards, report, scorecardText };
}
