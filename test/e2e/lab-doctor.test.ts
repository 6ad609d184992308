/**
 * `meetbench doctor` on this machine: every check reports, the required ones (browser, fake media, data
 * dir) pass here, optional gaps keep exit code 0, and the throwaway probe namespace is gone afterwards.
 * Runs a real headless Chromium once. The namespace and qdisc rows need root; without it they must say so.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isRoot } from '../../harness/lab/index.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

describe('meetbench doctor', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mb-doctor-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('reports every check with a status, passes the required ones, and leaves no probe namespace', () => {
    const run = spawnSync(process.execPath, ['bin/meetbench.js', '--data-dir', dataDir, 'doctor', '--json'], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    const rows = JSON.parse(run.stdout) as Array<{ label: string; required: boolean; status: string; detail: string; hint: string | null }>;
    const byLabel = Object.fromEntries(rows.map((r) => [r.label, r]));
    expect(Object.keys(byLabel)).toEqual(
      expect.arrayContaining([
        'running as root',
        'Chromium',
        'fake camera and microphone',
        'ip netns (namespaces, veth)',
        'qdisc tbf (rate limit)',
        'qdisc htb (rate limit)',
        'qdisc netem (delay, jitter)',
        'nftables (random loss)',
        'Janus',
        'Janus demo pages',
        'Galène',
        'coturn (TURN scenarios)',
        'data dir writable',
      ]),
    );
    for (const row of rows) {
      expect(['ok', 'missing', 'unavailable', 'failed']).toContain(row.status);
      // anything not ok tells the user what to do
      if (row.status !== 'ok') expect(row.hint, row.label).toBeTruthy();
    }
    expect(byLabel.Chromium?.detail).toMatch(/Chromium \d+/);
    expect(byLabel['fake camera and microphone']?.status).toBe('ok');
    expect(byLabel['data dir writable']?.status).toBe('ok');
    if (isRoot()) {
      expect(byLabel['ip netns (namespaces, veth)']?.status).toBe('ok');
      // the loss rule of network profiles must be accepted where nftables is installed
      expect(byLabel['nftables (random loss)']?.status).toBe('ok');
    } else {
      expect(byLabel['qdisc tbf (rate limit)']?.detail).toBe('needs root');
    }
    const namespaces = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
    expect(namespaces).not.toMatch(/mb-probe-/);
  });

  it('prints a table and a summary that names exactly the optional checks that are not ok', () => {
    const json = JSON.parse(
      spawnSync(process.execPath, ['bin/meetbench.js', '--data-dir', dataDir, 'doctor', '--json'], { cwd: REPO, encoding: 'utf8', timeout: 120_000 }).stdout,
    ) as Array<{ label: string; required: boolean; status: string }>;
    const run = spawnSync(process.execPath, ['bin/meetbench.js', '--data-dir', dataDir, 'doctor'], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/ready: browser, fake media and data dir work/);
    const listed = /optional, not available here: (.*) \(see the hints/.exec(run.stdout)?.[1]?.split('; ') ?? [];
    expect(listed).toEqual(json.filter((r) => !r.required && r.status !== 'ok').map((r) => r.label));
  });
});
