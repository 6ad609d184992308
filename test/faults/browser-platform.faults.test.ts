/**
 * Fault catalogue, browser and platform (README \"Reliability\", B2, B4, B5), with real Chromium:
 * local platforms on 127.0.0.1 that answer HTTP 500, present a self-signed TLS certificate, or refuse the
 * connection (each a distinct per-participant error, the run going on); a browser frozen with SIGSTOP whose
 * close is bounded by closeMs then a process-group SIGKILL; browsers of a runner killed with SIGKILL.
 * B1 (never answers), B3 (browser killed mid-trial) and B6 (SIGTERM) are in test/e2e/run-failures.test.ts.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../results/run-record.ts';
import { closeParticipantBrowser, launchParticipantBrowser } from '../../harness/participants/browser-process.ts';
import { chromiumMissing, shouldSkip } from '../helpers/requirements.ts';
import { runCli } from '../helpers/run-cli.ts';
import { browsersTagged } from '../helpers/our-processes.ts';
import { recordFault } from './helpers/fault-record.ts';

const TEST = 'test/faults/browser-platform.faults.test.ts';
const skip = shouldSkip(TEST, 'platforms that answer 500, bad TLS, refused; frozen and orphaned browsers', chromiumMissing());
const TAG = `faultsb${process.pid}`;
const env = { MEETBENCH_PROFILE_TAG: TAG };

const ourBrowsers = (tag = TAG): number[] => browsersTagged(tag);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(skip)('platforms that fail in distinct ways (B2)', () => {
  // made in beforeAll: a describe body runs even when its tests are skipped or filtered out
  let dir = '';
  let plain: http.Server;
  let tls: https.Server;
  let refusedPort = 0;
  afterAll(() => {
    plain?.close();
    tls?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mb-faults-browser-'));
    plain = http.createServer((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<h1>Internal Server Error</h1>');
    });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    // a self-signed certificate made for this test
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    tls = https.createServer({ key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) }, (_req, res) => {
      res.end('<h1>in-house platform</h1>');
    });
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    // a port that was free a moment ago: connection refused
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    refusedPort = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });

  it('HTTP 500, a self-signed certificate and a refused connection: each participant fails at navigate with its own reason, the run goes on', async () => {
    const port = (server: http.Server | https.Server): number => (server.address() as { port: number }).port;
    const file = path.join(dir, 'scenario.yaml');
    writeFileSync(
      file,
      `name: failing-platforms
platforms:
  - { id: http500, adapter: janus-videoroom, url: "http://127.0.0.1:${port(plain)}" }
  - { id: selfsigned, adapter: janus-videoroom, url: "https://127.0.0.1:${port(tls)}" }
  - { id: refused, adapter: janus-videoroom, url: "http://127.0.0.1:${refusedPort}" }
participants: { count: 2, rampUpMs: 200 }
durationS: 1
warmupS: 0
timeouts: { joinMs: 8000 }
`,
    );
    const dataDir = path.join(dir, 'data');
    const started = Date.now();
    const result = await runCli(['run', file], { dataDir, env });
    const seconds = (Date.now() - started) / 1000;
    const report = await runCli(['report', 'latest', '--format', 'json'], { dataDir, env });
    const run = JSON.parse(report.stdout) as RunRecord;
    const expected: Record<string, RegExp> = {
      http500: /answered HTTP 500/,
      selfsigned: /ERR_CERT_AUTHORITY_INVALID|ERR_CERT_/,
      refused: /ERR_CONNECTION_REFUSED/,
    };
    let survived = 0;
    const seen: string[] = [];
    for (const [platform, pattern] of Object.entries(expected)) {
      const trial = run.trials.find((t) => t.platform === platform);
      const participants = trial?.participants ?? [];
      const ok =
        trial?.verdict === 'broken' &&
        participants.length === 2 &&
        participants.every((p) => !p.joined && p.errorStep === 'navigate' && pattern.test(p.error ?? ''));
      if (ok) survived += 1;
      seen.push(`${platform}: ${participants[0]?.error?.slice(0, 110) ?? trial?.reason}`);
    }
    const left = ourBrowsers();
    recordFault({
      id: 'B2',
      part: 'browser-platform',
      case: 'platform answers 500, has a self-signed certificate, refuses the connection',
      trials: 3,
      survived,
      lost: 3 - survived + (left.length > 0 ? 1 : 0),
      figure: `exit ${result.code} in ${seconds.toFixed(0)} s, all 3 trials recorded (${run.trials.length}), ${left.length} browsers left; ${seen.join(' | ')}`,
      test: TEST,
    });
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(3);
    expect(run.status).toBe('complete');
    expect(survived).toBe(3);
    expect(left).toEqual([]);
  }, 240_000);

  it('platforms[].acceptSelfSignedCertificate: true lets that platform through the certificate check (off by default)', async () => {
    const port = (tls.address() as { port: number }).port;
    const file = path.join(dir, 'accept.yaml');
    writeFileSync(
      file,
      `name: in-house
platforms:
  - { id: inhouse, adapter: janus-videoroom, url: "https://127.0.0.1:${port}", acceptSelfSignedCertificate: true }
participants: { count: 1 }
durationS: 1
warmupS: 0
timeouts: { joinMs: 15000 }
`,
    );
    const dataDir = path.join(dir, 'data-accept');
    await runCli(['run', file], { dataDir, env });
    const run = JSON.parse((await runCli(['report', 'latest', '--format', 'json'], { dataDir, env })).stdout) as RunRecord;
    const p = run.trials[0]?.participants[0];
    // the page loads (it is not a Janus demo, so the join then fails further on): no certificate error, not at navigate
    const ok = p !== undefined && p.errorStep !== 'navigate' && !/ERR_CERT/.test(p.error ?? '');
    recordFault({
      id: 'B2b',
      part: 'browser-platform',
      case: 'self-signed certificate accepted when the platform opts in',
      trials: 1,
      survived: ok ? 1 : 0,
      lost: ok ? 0 : 1,
      figure: `with acceptSelfSignedCertificate the page loaded; the participant went on to ${p?.errorStep ?? 'joined'} (${(p?.error ?? '').slice(0, 160)})`,
      test: TEST,
    });
    expect(ok).toBe(true);
  }, 120_000);
});

describe.skipIf(skip)('browsers that hang or outlive their runner (B4, B5)', () => {
  it('a browser frozen with SIGSTOP is killed after closeMs, with its whole process group and profile', async () => {
    const trials = 3;
    const closeMs = 2_000;
    let survived = 0;
    const times: number[] = [];
    const previous = process.env.MEETBENCH_PROFILE_TAG;
    process.env.MEETBENCH_PROFILE_TAG = `${TAG}stop`;
    try {
      for (let i = 0; i < trials; i += 1) {
        const launched = await launchParticipantBrowser({ insecureOrigins: [], timeoutMs: 30_000 });
        const page = (await launched.browser.pages())[0] ?? (await launched.browser.newPage());
        await page.goto('about:blank');
        // freeze the whole browser (every process of its group), as a hung GPU or disk would
        process.kill(-launched.pid!, 'SIGSTOP');
        const started = Date.now();
        const outcome = await closeParticipantBrowser(launched, closeMs);
        const took = Date.now() - started;
        times.push(took);
        await sleep(300);
        const left = ourBrowsers(`${TAG}stop`);
        if (outcome === 'killed' && took < closeMs + 2_000 && left.length === 0 && !existsSync(launched.profileDir)) survived += 1;
      }
    } finally {
      if (previous === undefined) delete process.env.MEETBENCH_PROFILE_TAG;
      else process.env.MEETBENCH_PROFILE_TAG = previous;
    }
    recordFault({
      id: 'B4',
      part: 'browser-platform',
      case: 'browser.close() hangs (SIGSTOP), then killed',
      trials,
      survived,
      lost: trials - survived,
      figure: `${trials} frozen browsers: ${survived} killed after close timed out (${times.map((t) => `${(t / 1000).toFixed(1)} s`).join(', ')} with closeMs ${closeMs / 1000} s), no process or profile left`,
      test: TEST,
    });
    expect(survived).toBe(trials);
  }, 120_000);

  it('the browsers of a runner killed with SIGKILL exit by themselves; a frozen one is reaped at the next start', async () => {
    const tag = `${TAG}orphan`;
    const script = `import { launchParticipantBrowser } from ${JSON.stringify(path.resolve('harness/participants/browser-process.ts'))};
      const pids = [];
      for (let i = 0; i < 2; i += 1) { const l = await launchParticipantBrowser({ insecureOrigins: [], timeoutMs: 30000 }); await ((await l.browser.pages())[0] ?? (await l.browser.newPage())).goto('about:blank'); pids.push(l.pid); }
      process.stdout.write('READY ' + pids.join(' ') + '\\n');
      setInterval(() => undefined, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, MEETBENCH_PROFILE_TAG: tag },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const mains = await new Promise<number[]>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const m = /READY ([\d ]+)/.exec(chunk.toString());
        if (m) resolve(m[1]!.trim().split(' ').map(Number));
      });
      child.on('exit', (code) => reject(new Error(`the runner exited with ${code} before its browsers were up`)));
    });
    const before = ourBrowsers(tag).length;
    // the second browser hangs: frozen, it cannot notice its pipe closing
    process.kill(-mains[1]!, 'SIGSTOP');
    child.kill('SIGKILL');
    const killedAt = Date.now();
    while (ourBrowsers(tag).length > 0 && !ourBrowsers(tag).includes(mains[1]!) && Date.now() - killedAt < 15_000) await sleep(200);
    while (
      ourBrowsers(tag).some((pid) => execFileSync('ps', ['-o', 'pgid=', '-p', String(pid)], { encoding: 'utf8' }).trim() === String(mains[0])) &&
      Date.now() - killedAt < 15_000
    )
      await sleep(200);
    const gone = Date.now() - killedAt;
    const frozenLeft = ourBrowsers(tag).length;
    // the next start: a run takes the run lock and reaps first (here a short one against a closed port)
    const dataDir = mkdtempSync(path.join(tmpdir(), 'mb-faults-orphan-'));
    writeFileSync(
      path.join(dataDir, 'next.yaml'),
      'name: next\nplatforms:\n  - { id: closed, adapter: janus-videoroom, url: "http://127.0.0.1:9" }\nparticipants: { count: 1 }\ndurationS: 1\nwarmupS: 0\ntimeouts: { joinMs: 5000 }\n',
    );
    const next = await runCli(['run', path.join(dataDir, 'next.yaml')], { dataDir, env: { MEETBENCH_PROFILE_TAG: `${tag}next` } });
    await sleep(300);
    const left = ourBrowsers(tag);
    const profiles = execFileSync('sh', ['-c', `ls -d ${tmpdir()}/meetbench-profile-${tag}-* 2>/dev/null || true`], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    for (const pid of left) process.kill(pid, 'SIGKILL');
    for (const p of profiles) rmSync(p, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
    recordFault({
      id: 'B5a',
      part: 'browser-platform',
      case: 'browsers of a runner killed with kill -9 (one frozen), outside the lab',
      trials: 2,
      survived: 2 - Math.min(2, left.length),
      lost: left.length,
      figure:
        `${before} Chromium processes of 2 browsers; runner SIGKILLed: the live browser gone after ${(gone / 1000).toFixed(1)} s by itself, ` +
        `the frozen one still there (${frozenLeft} processes); the next \`meetbench run\` (exit ${next.code}) said "${/killed \d+ orphaned browser\(s\)[^\n]*/.exec(next.stderr)?.[0] ?? 'nothing'}": ${left.length} processes and ${profiles.length} profile dirs left`,
      test: TEST,
    });
    expect(before).toBeGreaterThan(2);
    expect(frozenLeft).toBeGreaterThan(0);
    expect(left).toEqual([]);
    expect(profiles).toEqual([]);
  }, 120_000);
});
