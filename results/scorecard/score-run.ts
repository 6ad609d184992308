/**
 * Scores a stored run against a criteria set, without re-running anything: the runner calls it at the
 * end of `meetbench run`, `meetbench score` calls it on old runs with edited criteria.
 *
 * Verdicts (docs/architecture.md): a trial the runner found `broken` or `inconclusive` stays so; otherwise it
 * is `failed` when an error-level criterion fails (or has no data and does not opt out), `inconclusive`
 * when an error-level criterion could not be judged, else `passed`. A platform's verdict combines its
 * trials' runner verdicts with its must-have gates, judged on the repeats combined; the run's verdict
 * combines the platforms' (broken beats inconclusive beats failed beats passed).
 */
import { combineRepeats, type RepeatResult } from '../criteria/across-repeats.ts';
import { compileCriteria, type CompiledCriteria, type CompiledDeclared, type CompiledMeasured } from '../criteria/compile-criteria.ts';
import type { CriteriaFile, DeclaredCriterion } from '../criteria/criteria-schema.ts';
import { appliesTo, evaluateTrial } from '../criteria/evaluate-trial.ts';
import { combineVerdicts, type CriterionResult, type RunRecord, type Sample, type Trial, type Verdict } from '../run-record.ts';
import type { CriterionRow, Scorecard, ScoreResult } from './scorecard-types.ts';
import { summarize } from './summary.ts';

export interface ScoreOptions {
  /** per-second samples of a trial, for criteria with a `window`; undefined when not stored */
  samples?: (trialId: string) => readonly Sample[] | undefined;
}

export function scoreRun(
  run: RunRecord,
  criteria: CriteriaFile | CompiledCriteria,
  declared: DeclaredCriterion[] = [],
  options: ScoreOptions = {},
): ScoreResult {
  const compiled =
    'names' in criteria
      ? { ...criteria, declared: [...criteria.declared, ...compileCriteria({ version: 1, measured: [], declared }).declared] }
      : compileCriteria(criteria, declared);
  const active = compiled.measured.filter((c) => c.level !== 'off');

  // 1. every trial judged on its own
  const perTrial = new Map<string, CriterionResult[]>();
  const trials: Trial[] = run.trials.map((trial) => {
    const samples = options.samples?.(trial.id);
    const results = active.filter((c) => appliesTo(c, trial)).map((c) => evaluateTrial(c, trial, samples));
    perTrial.set(trial.id, results);
    return { ...trial, criteria: results, verdict: trialVerdict(trial, active, results) };
  });

  // 2. per platform, repeats combined, declared criteria added, gates and score
  const platforms = [...new Set(run.trials.map((t) => t.platform))];
  const scorecards = platforms.map((platform) => {
    const own = trials.filter((t) => t.platform === platform);
    const rows = [...measuredRows(active, own, perTrial), ...compiled.declared.filter((c) => c.level !== 'off').map((c) => declaredRow(c, platform))];
    return buildScorecard(platform, compiled.names[platform] ?? platform, own, rows);
  });

  return finish(run, trials, scorecards);
}

/** Scorecards from criteria results already in the trials (a stored run): nothing is evaluated again. */
export function scoreTrialResults(run: RunRecord, compiled: CompiledCriteria): ScoreResult {
  const perTrial = new Map(run.trials.map((t) => [t.id, t.criteria]));
  const platforms = [...new Set(run.trials.map((t) => t.platform))];
  const scorecards = platforms.map((platform) => {
    const own = run.trials.filter((t) => t.platform === platform);
    const rows = [...measuredRows(compiled.measured, own, perTrial), ...compiled.declared.map((c) => declaredRow(c, platform))];
    return buildScorecard(platform, compiled.names[platform] ?? platform, own, rows);
  });
  return finish(run, run.trials, scorecards);
}

function finish(run: RunRecord, trials: Trial[], scorecards: Scorecard[]): ScoreResult {
  const verdict = combineVerdicts(scorecards.map((s) => s.verdict));
  // with no trial, the runner's own reason (e.g. "a lab is already running") is the only explanation
  const reason = scorecards.map((s) => s.summary.en).join(' ') || run.reason || 'the run has no trial';
  return { scorecards, verdict, run: { ...run, trials, verdict, reason } };
}

function trialVerdict(trial: Trial, criteria: CompiledMeasured[], results: CriterionResult[]): Verdict {
  if (trial.verdict === 'broken' || trial.verdict === 'inconclusive') return trial.verdict;
  const gates = results.filter((r) => r.level === 'error');
  const policy = (id: string): string => criteria.find((c) => c.id === id)?.noData ?? 'fail';
  if (gates.some((r) => r.outcome === 'fail' || (r.outcome === 'no-data' && policy(r.id) === 'fail'))) return 'failed';
  if (gates.some((r) => r.outcome === 'error')) return 'inconclusive';
  return 'passed';
}

function measuredRows(criteria: CompiledMeasured[], trials: Trial[], perTrial: Map<string, CriterionResult[]>): CriterionRow[] {
  const rows: CriterionRow[] = [];
  for (const criterion of criteria) {
    const groups = new Map<string, Trial[]>();
    for (const trial of trials.filter((t) => appliesTo(criterion, t))) {
      const key = JSON.stringify([trial.scenario, trial.network]);
      groups.set(key, [...(groups.get(key) ?? []), trial]);
    }
    for (const group of groups.values()) {
      const repeats: RepeatResult[] = group
        .map((t) => ({ trialId: t.id, repeat: t.repeat, verdict: t.verdict, result: perTrial.get(t.id)?.find((r) => r.id === criterion.id) }))
        .filter((r): r is RepeatResult => r.result !== undefined)
        .sort((a, b) => a.repeat - b.repeat);
      const combined = combineRepeats(criterion, repeats);
      const met =
        combined.outcome === 'pass' ? true : combined.outcome === 'no-data' ? (criterion.noData === 'skip' ? null : criterion.noData === 'pass') : false;
      rows.push({
        kind: 'measured',
        criterionId: criterion.id,
        title: criterion.title,
        explanation: criterion.explanation,
        level: criterion.level,
        weight: criterion.weight / groups.size,
        outcome: combined.outcome,
        met,
        value: combined.value,
        reason: combined.reason,
        metric: criterion.metric,
        threshold: repeats[0]?.result.threshold ?? criterion.threshold,
        acrossRepeats: criterion.acrossRepeats,
        noData: criterion.noData,
        participants: criterion.participants,
        scenario: group[0]?.scenario,
        network: group[0]?.network,
        repeats: repeats.map((r) => ({ trialId: r.trialId, repeat: r.repeat, value: r.result.value, outcome: r.result.outcome })),
      });
    }
  }
  return rows;
}

function declaredRow(criterion: CompiledDeclared, platform: string): CriterionRow {
  const entry = criterion.values[platform];
  const value = entry ? (entry.value === 'partial' ? 0.5 : entry.value ? 1 : 0) : null;
  return {
    kind: 'declared',
    criterionId: criterion.id,
    title: criterion.title,
    explanation: criterion.explanation,
    level: criterion.level,
    weight: criterion.weight,
    // a declared value nobody entered is unknown, and unknown is not good enough for a decision
    outcome: entry ? (entry.value === true ? 'pass' : 'fail') : 'no-data',
    met: entry ? entry.value === true : false,
    value,
    reason: entry ? (entry.note ?? null) : `no value declared for ${platform}`,
    declared: entry ? entry.value : null,
    source: entry?.source,
    note: entry?.note,
  };
}

function buildScorecard(platform: string, name: string, trials: Trial[], rows: CriterionRow[]): Scorecard {
  const scored = rows.filter((r) => r.met !== null && r.weight > 0);
  const totalWeight = scored.reduce((sum, r) => sum + r.weight, 0);
  const credit = (r: CriterionRow): number => (r.kind === 'declared' && r.declared === 'partial' ? 0.5 : r.met ? 1 : 0);
  // a platform nothing could be measured on gets no score: a 0 would read as "measured and bad"
  const measurable = trials.some((t) => t.verdict !== 'broken');
  const score = measurable && totalWeight > 0 ? Math.round((1000 * scored.reduce((sum, r) => sum + r.weight * credit(r), 0)) / totalWeight) / 10 : null;

  const gates = rows.filter((r) => r.level === 'error' && r.met !== null);
  const gateVerdict: Verdict = gates.some((r) => r.met === false && r.outcome !== 'error')
    ? 'failed'
    : gates.some((r) => r.outcome === 'error')
      ? 'inconclusive'
      : 'passed';
  const runnerVerdicts = trials.map((t) => t.verdict).filter((v) => v === 'broken' || v === 'inconclusive');
  const verdict = trials.length === 0 ? 'broken' : combineVerdicts([...runnerVerdicts, gateVerdict]);

  const card: Omit<Scorecard, 'summary'> = {
    platform,
    name,
    verdict,
    score,
    mustHaves: { total: gates.length, met: gates.filter((r) => r.met === true).length },
    trials: {
      total: trials.length,
      broken: trials.filter((t) => t.verdict === 'broken').length,
      inconclusive: trials.filter((t) => t.verdict === 'inconclusive').length,
    },
    rows,
  };
  return { ...card, summary: summarize(card, trials) };
}
