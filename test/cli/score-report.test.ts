/**
 * `meetbench score` and `meetbench report` on runs stored in a real lowdb data directory, with the real CLI.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../results/run-record.ts';
import { openStore } from '../../results/store/open-store.ts';
import { runCli } from '../helpers/run-cli.ts';
import { failedParticipant, participant, run, trial } from '../unit/results/scorecard/run-factory.ts';

const PRESET = path.resolve('scenarios/criteria.yaml');
const noStack = (stderr: string): void => expect(stderr).not.toMatch(/^ {4}at /m);

let dataDir: string;
let dir: string;
let passing: RunRecord;
let failing: RunRecord;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'mb-score-'));
  dataDir = path.join(dir, 'data');
  const healthy = (i: number) => participant(`p${i}`, { metrics: { packet_loss_pct: 0.4 } });
  passing = run([trial({ platform: 'galene', participants: [1, 2, 3].map(healthy) }), trial({ platform: 'janus', participants: [1, 2, 3].map(healthy) })], {
    id: 'run-pass',
    startedAt: '2026-11-29T07:00:00.000Z',
  });
  failing = run(
    [
      trial({ platform: 'galene', participants: [1, 2, 3].map(healthy) }),
      trial({ platform: 'janus', participants: [failedParticipant('p1'), healthy(2), healthy(3)] }),
    ],
    { id: 'run-fail', startedAt: '2026-11-29T08:00:00.000Z' },
  );
  const store = await openStore(dataDir);
  await store.saveRun(passing);
  await store.saveRun(failing);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('meetbench score', () => {
  it('exits 0 when every platform meets its must-haves, and prints the scorecard', async () => {
    const result = await runCli(['score', 'run-pass', '--criteria', PRESET], { dataDir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Galène meets all 5 must-haves');
    expect(result.stdout).toMatch(/verdict: passed\n$/);
  });

  it('exits 1 on latest when a must-have fails, with the reason in French', async () => {
    const result = await runCli(['score', 'latest', '--criteria', PRESET, '--lang', 'fr'], { dataDir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Janus échoue : connexions réussies 66,67 %, en dessous de 99 % sur le profil lan.');
  });

  it('--json gives the scorecards; edited criteria change the verdict without re-running', async () => {
    const lenient = path.join(dir, 'lenient.yaml');
    writeFileSync(lenient, readFileSync(PRESET, 'utf8').replace('threshold: rate >= 0.99', 'threshold: rate >= 0.6'));
    const result = await runCli(['score', 'run-fail', '--criteria', lenient, '--json'], { dataDir });
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as { verdict: string; scorecards: { platform: string; verdict: string; score: number }[] };
    expect(parsed.verdict).toBe('passed');
    expect(parsed.scorecards.map((s) => s.platform)).toEqual(['galene', 'janus']);
    expect(parsed.scorecards.every((s) => s.score >= 0 && s.score <= 100)).toBe(true);
  });

  it('an invalid criteria file exits 2 naming file, line and path, without a stack trace', async () => {
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'version: 1\nmeasured:\n  - id: jt\n    metric: join_time_ms\n    threshold: p(95) < Infinity\n    title: { fr: a, en: b }\n  - id: x\n    metric: jiter_ms\n    threshold: avg < 5\n    title: { fr: a, en: b }\n',
    );
    const result = await runCli(['score', 'latest', '--criteria', bad], { dataDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${bad}:5: measured[0].threshold: invalid threshold "p(95) < Infinity"`);
    expect(result.stderr).toContain(`${bad}:8: measured[1].metric: unknown metric "jiter_ms"`);
    noStack(result.stderr);
  });

  it('an unknown run exits 2 with a hint', async () => {
    const result = await runCli(['score', 'nope', '--criteria', PRESET], { dataDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no run "nope"/);
    noStack(result.stderr);
  });

  it('--save stores the re-judged run', async () => {
    const saved = await runCli(['score', 'run-fail', '--criteria', PRESET, '--save'], { dataDir });
    expect(saved.code).toBe(1);
    const stored = await (await openStore(dataDir)).getRun('run-fail');
    expect(stored?.verdict).toBe('failed');
    expect(stored?.trials[1]?.criteria.find((c) => c.id === 'join-success')).toMatchObject({ outcome: 'fail', value: 2 / 3 });
  });
});

describe('meetbench report', () => {
  it('--format json prints the stored run record as is', async () => {
    const result = await runCli(['report', 'run-pass', '--format', 'json'], { dataDir });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(passing);
  });

  it('--format csv (French dialect) parses back, one row per platform × criterion', async () => {
    const result = await runCli(['report', 'run-pass', '--format', 'csv', '--criteria', PRESET], { dataDir });
    expect(result.code).toBe(0);
    const rows = parse(result.stdout, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    // 14 measured minus uplink-vpn (no vpn trial) + 8 declared, for 2 platforms
    expect(rows).toHaveLength(2 * (13 + 8));
    expect(new Set(rows.map((r) => r.platform))).toEqual(new Set(['galene', 'janus']));
  });

  it('--format junit is well-formed, from the criteria stored in the run when no file is given', async () => {
    const result = await runCli(['report', 'run-fail', '--format', 'junit'], { dataDir });
    expect(result.code).toBe(0);
    expect(XMLValidator.validate(result.stdout)).toBe(true);
    expect(result.stdout).toMatch(/<testsuite name="janus"[^>]* failures="1"/);
  });

  it('--format md writes a file with --output', async () => {
    const file = path.join(dir, 'report.md');
    const result = await runCli(['report', 'latest', '--format', 'md', '--criteria', PRESET, '--output', file], { dataDir });
    expect(result.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^# meetbench run-fail: FAILED/);
  });

  it.each([
    [['--format', 'xml'], /--format xml: expected one of json, csv, junit, md, pdf/],
    [['--format', 'csv', '--csv-dialect', 'de'], /expected fr or en/],
    [['--format', 'pdf'], /--format pdf is binary: pass --output FILE/],
  ])('refuses %j with exit 2 and no stack trace', async (flags, reason) => {
    const result = await runCli(['report', 'latest', ...flags], { dataDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(reason);
    noStack(result.stderr);
  });
});
