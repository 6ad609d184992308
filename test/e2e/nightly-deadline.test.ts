/**
 * The deadline is honoured: a suite that cannot finish before it (3 repeats of a trial longer than the
 * deadline allows) stops cleanly: the trial in progress stops measuring and closes its browsers, the
 * rest is not started, the run is stored `incomplete` with what was not run, the reports say so, the
 * exit code is not a pass, and the lock is released.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NightReport } from '../../harness/nightly/night-report.ts';
import { EXIT_CODES } from '../../results/errors.ts';
import { openStore } from '../../results/store/open-store.ts';
import { labMissing, shouldSkip } from '../helpers/requirements.ts';
import { runCli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const skip = shouldSkip('test/e2e/nightly-deadline.test.ts', 'a nightly suite stopped by its deadline', labMissing());

describe.skipIf(skip)('meetbench nightly with a deadline it cannot meet', () => {
  it('stops cleanly with partial results marked', async () => {
    const dir = tempDir('mb-nightly-deadline-');
    const dataDir = path.join(dir, 'data');
    writeFileSync(
      path.join(dir, 'call.yaml'),
      `name: call
platforms:
  - { id: janus, adapter: janus-videoroom, url: "lab:janus" }
participants: { count: 2, rampUpMs: 300, media: { width: 160, height: 120, fps: 10 } }
durationS: 6
warmupS: 1
`,
    );
    writeFileSync(path.join(dir, 'suite.yaml'), 'name: deadline-night\nscenarios: [call.yaml]\nrepeats: 3\ndeadline: 15s\n');
    const started = Date.now();
    const result = await runCli(['nightly', path.join(dir, 'suite.yaml')], { dataDir });
    const context = `exit ${result.code}\n${result.stdout}\n${result.stderr.slice(-3000)}`;
    expect(result.stderr, context).not.toMatch(/\n\s+at /);
    expect(result.stderr, context).toMatch(/deadline \S+ reached: stopping the night cleanly/);

    const runs = await (await openStore(dataDir)).allRuns();
    expect(runs).toHaveLength(1);
    const run = runs[0]!;
    expect(run.status).toBe('incomplete');
    expect(run.trials.length, context).toBeLessThan(3);
    expect(run.reason).toMatch(new RegExp(`^stopped by the deadline after ${run.trials.length} of 3 trial\\(s\\); ${3 - run.trials.length} not run`));
    expect(['inconclusive', 'broken']).toContain(run.verdict);
    expect(result.code).toBe(EXIT_CODES[run.verdict]);

    const reports = path.join(dataDir, 'reports', run.id);
    const night = JSON.parse(readFileSync(path.join(reports, 'night.json'), 'utf8')) as NightReport;
    expect(night).toMatchObject({ stoppedBy: 'deadline', status: 'incomplete', trials: { planned: 3, measured: run.trials.length } });
    expect(readFileSync(path.join(reports, 'report.md'), 'utf8')).toContain('> **Incomplete night**: stopped by the deadline');
    expect(result.stdout).toContain('INCOMPLETE: stopped by the deadline');
    expect(existsSync(path.join(dataDir, 'run.lock'))).toBe(false);
    // stopped near the deadline, not after the three trials
    expect(Date.now() - started).toBeLessThan(90_000);
  }, 180_000);
});
