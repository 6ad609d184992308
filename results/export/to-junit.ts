/**
 * JUnit XML export for GitLab and Jenkins: one <testsuite> per platform, one <testcase> per criterion
 * (× scenario/network group). Error-level criteria that are not met are <failure>s (fail and no-data
 * alike), a criterion that could not be judged or a broken platform is an <error>, a skipped one is
 * <skipped>; a warn-level miss stays a passing test case with a note, so the CI result agrees with
 * meetbench's exit code. Element order and attributes follow the JUnit schema Jenkins publishes
 * (junit-10.xsd): testsuite(properties?, testcase*, system-out?, system-err?),
 * testcase(skipped?, error*, failure*, system-out*, system-err*).
 */
import type { RunRecord } from '../run-record.ts';
import type { Scorecard } from '../scorecard/scorecard-types.ts';
import { exportRows, type ExportRow } from './export-rows.ts';

type CaseKind = 'pass' | 'failure' | 'error' | 'skipped';

function caseKind(row: ExportRow): CaseKind {
  if (row.met === 'skipped') return 'skipped';
  if (row.outcome === 'error' || (row.platformVerdict === 'broken' && row.outcome === 'no-data')) return row.level === 'error' ? 'error' : 'pass';
  if (row.met === 'no' && row.level === 'error') return 'failure';
  return 'pass';
}

export function toJunit(run: RunRecord, scorecards: readonly Scorecard[]): string {
  const rows = exportRows(scorecards);
  const count = (list: ExportRow[], kind: CaseKind): number => list.filter((r) => caseKind(r) === kind).length;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  lines.push(
    `<testsuites name="meetbench ${attr(run.id)}" tests="${rows.length}" failures="${count(rows, 'failure')}" errors="${count(rows, 'error')}" skipped="${count(rows, 'skipped')}" time="${seconds(run)}">`,
  );
  scorecards.forEach((card, index) => {
    const own = rows.filter((r) => r.platform === card.platform);
    lines.push(
      `  <testsuite name="${attr(card.name)}" id="${index}" package="meetbench" tests="${own.length}" failures="${count(own, 'failure')}" errors="${count(own, 'error')}" skipped="${count(own, 'skipped')}" time="0" timestamp="${timestamp(run.startedAt)}" hostname="${attr(run.host?.hostname ?? 'localhost')}">`,
    );
    lines.push('    <properties>');
    for (const [name, value] of [
      ['platform', card.platform],
      ['verdict', card.verdict],
      ['score', card.score === null ? '' : String(card.score)],
      ['summary.en', card.summary.en],
      ['summary.fr', card.summary.fr],
    ]) {
      lines.push(`      <property name="${attr(name ?? '')}" value="${attr(value ?? '')}"/>`);
    }
    lines.push('    </properties>');
    for (const row of own) lines.push(...testcase(row));
    lines.push(`    <system-out>${text(card.summary.en)}</system-out>`);
    lines.push('  </testsuite>');
  });
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

function testcase(row: ExportRow): string[] {
  const group = [row.scenario, row.network].filter(Boolean).join('/');
  const name = row.kind === 'measured' ? `${row.criterion} (${group}): ${row.metric} ${row.threshold}` : `${row.criterion}: ${row.titleEn}`;
  const detail = describe(row);
  const open = `    <testcase name="${attr(name)}" classname="meetbench.${attr(row.platform)}.${row.kind}" time="0">`;
  const kind = caseKind(row);
  const body: string[] = [];
  if (kind === 'skipped') body.push(`      <skipped message="${attr(`no data, and the criterion says skip`)}"/>`);
  if (kind === 'error')
    body.push(
      `      <error message="${attr(row.platformVerdict === 'broken' ? 'platform broken: could not be judged' : 'could not be judged')}" type="${row.outcome}">${text(detail)}</error>`,
    );
  if (kind === 'failure') body.push(`      <failure message="${attr(`${row.outcome}: ${row.titleEn}`)}" type="${row.outcome}">${text(detail)}</failure>`);
  body.push(`      <system-out>${text(kind === 'pass' && row.met === 'no' ? `warning (level ${row.level}): ${detail}` : detail)}</system-out>`);
  return [open, ...body, '    </testcase>'];
}

function describe(row: ExportRow): string {
  const parts = [`outcome: ${row.outcome}`, `level: ${row.level}`];
  if (row.kind === 'measured') {
    parts.push(
      `value: ${row.value ?? 'none'}`,
      `threshold: ${row.threshold}`,
      `repeats (${row.acrossRepeats}): ${row.repeatValues.map((v) => v ?? 'none').join(', ') || 'none'}`,
    );
  } else {
    parts.push(
      `declared: ${row.value === null ? 'not declared' : row.value === 1 ? 'yes' : row.value === 0.5 ? 'partial' : 'no'}`,
      `source: ${row.source || 'none'}`,
    );
  }
  if (row.reason) parts.push(`reason: ${row.reason}`);
  return parts.join('\n');
}

function seconds(run: RunRecord): string {
  const ms = run.finishedAt ? Date.parse(run.finishedAt) - Date.parse(run.startedAt) : 0;
  return Number.isFinite(ms) && ms > 0 ? (ms / 1000).toFixed(3) : '0';
}

/** the schema's timestamp has no zone and no fraction: 2026-11-29T08:00:00 (UTC) */
function timestamp(iso: string): string {
  const time = Date.parse(iso);
  return Number.isFinite(time) ? new Date(time).toISOString().slice(0, 19) : '1970-01-01T00:00:00';
}

// characters XML 1.0 cannot hold at all (control characters) are dropped, the rest escaped
// eslint-disable-next-line no-control-regex
const clean = (value: string): string => value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
const text = (value: string): string => clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const attr = (value: string): string => text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
