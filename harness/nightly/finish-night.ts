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
import { finishRun } from '../../results/finish-run.ts';
import { combineVerdicts, type RunRecord } from '../../results/run-record.ts';
import { EXIT_CODES } from '../../results/errors.ts';
import { formatScorecard } from '../../results/scorecard/format-scorecard.ts';
import type { Scorecard } from '../../results/scorecard/scorecard-types.ts';
import type { ResultsStore } from '../../results/store/results-store.ts';
import { realPathInside } from '../../results/paths/inside-root.ts';
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
  const started = result.run;
  const previous = (await store.allRuns()).filter(
    (r) => r.kind === 'nightly' && r.source === started.source && r.id !== started.id && r.status !== 'aborted' && r.startedAt < started.startedAt,
  );
  let history = detectRegressions(started, previous, suite.history);
  const { run, scorecards } = await finishRun(store, started, {
    criteria,
    stoppedBy: result.stoppedBy,
    planned: result.planned,
    amend: (judged) => {
      // compared with the previous nights of the same suite; a significant regression can fail the night
      history = detectRegressions(judged, previous, suite.history);
      if (
        judged.status !== 'complete' ||
        judged.trials.length === 0 ||
        !suite.history.failOnRegression ||
        history.regressions.length === 0 ||
        judged.verdict !== 'passed'
      )
        return judged;
      return { ...judged, verdict: 'failed', reason: `${history.regressions.length} regression(s) against previous nights. ${judged.reason ?? ''}`.trim() };
    },
  });
  const measured = run.trials.length;

  const platforms: PlatformLine[] = scorecards.length
    ? scorecards.map((c) => ({ platform: c.platform, name: c.name, verdict: c.verdict, score: c.score, summary: c.summary.en, trials: c.trials.total }))
    : [...new Set(run.trials.map((t) => t.platform))].map((platform) => {
        const own = run.trials.filter((t) => t.platform === platform);
        const verdict = combineVerdicts(own.map((t) => t.verdict));
        return { platform, name: platform, verdict, score: null, summary: `${own.length} trial(s), no criteria file: ${verdict}`, trials: own.length };
      });

  const dir = await realPathInside(store.dataDir, 'reports', run.id);
  await mkdir(dir, { recursive: true });
  const scorecardText = scorecards.length ? formatScorecard(scorecards, 'en') : platforms.map((p) => `${p.name}: ${p.verdict} (${p.summary})`).join('\n');
  const reports = {
    scorecard: path.join(dir, 'scorecard.txt'),
    junit: path.join(dir, 'junit.xml'),
    markdown: path.join(dir, 'report.md'),
    json: path.join(dir, 'night.json'),
  };
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
    trials: {
      planned: result.planned,
      measured,
      broken: run.trials.filter((t) => t.verdict === 'broken').length,
      inconclusive: run.trials.filter((t) => t.verdict === 'inconclusive').length,
    },
    platforms,
    history,
    link: suite.viewer
      ? new URL(`runs/${encodeURIComponent(run.id)}`, suite.viewer.baseUrl.endsWith('/') ? suite.viewer.baseUrl : `${suite.viewer.baseUrl}/`).href
      : null,
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
