/**
 * `meetbench serve` itself, as a user starts it: the real CLI on 127.0.0.1 with a free port over a seeded
 * data directory, the overview fetched over HTTP, SIGTERM stops it with exit 0. `--criteria FILE` puts the
 * declared criteria in the scorecard. Refusals (exit 2, no stack trace): a non-loopback address without a
 * password, an empty password (variable or file), a bad port, a criteria file with a mistake.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../results/store/open-store.ts';
import { generateDataset } from '../../results/seed/generate-dataset.ts';
import { seedCriteriaYaml } from '../../results/seed/seed-criteria.ts';
import { runCli, startCli, type CliProcess } from '../helpers/run-cli.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'meetbench-serve-'));
const criteriaFile = path.join(dataDir, 'seed-criteria.yaml');
const badCriteria = path.join(dataDir, 'bad-criteria.yaml');
const emptyPasswordFile = path.join(dataDir, 'empty-password');
const running: CliProcess[] = [];

beforeAll(async () => {
  await generateDataset(await openStore(dataDir), { days: 2, detailedNights: 1 });
  writeFileSync(criteriaFile, seedCriteriaYaml());
  writeFileSync(badCriteria, 'version: 1\nmeasured:\n  - id: join\n    metric: join_time_ms\n    threshold: p(95) <\n    title: { fr: a, en: b }\n');
  writeFileSync(emptyPasswordFile, '\n');
});

afterAll(() => {
  // a test that failed half-way must not leave a viewer listening
  for (const cli of running) if (cli.child.exitCode === null && cli.child.pid) cli.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** the environment without any viewer password, whatever the machine running the tests has set */
const env = (extra: Record<string, string> = {}): Record<string, string> => {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => k !== 'MEETBENCH_VIEWER_PASSWORD' && v !== undefined)) as Record<
    string,
    string
  >;
  return { ...base, ...extra };
};

async function serve(args: string[]): Promise<{ cli: CliProcess; url: string }> {
  const cli = startCli(['--data-dir', dataDir, 'serve', '--port', '0', ...args], { env: env() });
  running.push(cli);
  const line = await cli.waitFor(/meetbench viewer on http:\/\/127\.0\.0\.1:\d+\//, 30_000);
  return { cli, url: line.replace('meetbench viewer on ', '').replace(/\/$/, '') };
}

describe('meetbench serve', () => {
  it('serves the overview on 127.0.0.1 with a free port and stops on SIGTERM with exit 0', async () => {
    const { cli, url } = await serve([]);
    const res = await fetch(`${url}/?lang=en`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toContain('Which platform is ready?');
    expect(html).toContain('nightly-2026-11-28');
    expect(html).toContain('Judged with the criteria stored with the run.');
    cli.child.kill('SIGTERM');
    const result = await cli.done;
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    await expect(fetch(`${url}/`)).rejects.toThrow();
  });

  it('judges with --criteria FILE: declared criteria with their sources appear', async () => {
    const { cli, url } = await serve(['--criteria', criteriaFile]);
    const html = await (await fetch(`${url}/?lang=fr`)).text();
    expect(html).toContain('Jugé à nouveau avec le fichier de critères');
    expect(html).toContain('Licence libre');
    expect(html).toContain('Zimbra licence agreement');
    const api = (await (await fetch(`${url}/api/overview`)).json()) as { scorecard: { columns: { kind: string }[] } };
    expect(api.scorecard.columns.filter((c) => c.kind === 'declared')).toHaveLength(5);
    cli.child.kill('SIGTERM');
    expect((await cli.done).code).toBe(0);
  });

  it('refuses a non-loopback address without a password (exit 2, says why, no stack trace)', async () => {
    const result = await runCli(['--data-dir', dataDir, 'serve', '--host', '0.0.0.0', '--port', '0'], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not a loopback address: the viewer needs a password/);
    expect(result.stderr).toContain('MEETBENCH_VIEWER_PASSWORD');
    expect(result.stdout).not.toContain('meetbench viewer on');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses an empty password, from the variable or from a file (exit 2)', async () => {
    const fromEnv = await runCli(['--data-dir', dataDir, 'serve', '--host', '0.0.0.0', '--port', '0'], { env: env({ MEETBENCH_VIEWER_PASSWORD: '' }) });
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).toMatch(/password is empty/);
    const fromFile = await runCli(['--data-dir', dataDir, 'serve', '--host', '0.0.0.0', '--port', '0', '--password-file', emptyPasswordFile], { env: env() });
    expect(fromFile.code).toBe(2);
    expect(fromFile.stderr).toMatch(/password is empty/);
    for (const r of [fromEnv, fromFile]) expect(r.stdout).not.toContain('meetbench viewer on');
  });

  it('refuses a bad port and a criteria file with a mistake, naming the file and line (exit 2)', async () => {
    const port = await runCli(['--data-dir', dataDir, 'serve', '--port', '80000'], { env: env() });
    expect(port.code).toBe(2);
    expect(port.stderr).toMatch(/--port must be an integer from 0 to 65535/);
    const criteria = await runCli(['--data-dir', dataDir, 'serve', '--port', '0', '--criteria', badCriteria], { env: env() });
    expect(criteria.code).toBe(2);
    expect(criteria.stderr).toContain('bad-criteria.yaml');
    expect(criteria.stderr).toMatch(/:5\b|line 5/);
    expect(criteria.stderr).not.toMatch(/\n\s+at /);
  });
});
