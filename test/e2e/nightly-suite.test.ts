/**
 * A night end to end through the real CLI: the lab's two real platforms (Janus and LiveKit) × two
 * scenarios × 3 repeats, tiny trials (2 participants,
 * 1 s warm-up, 3 s measured). It must store one nightly run of 12 trials, write the scorecard, JUnit and
 * Markdown reports, post to a webhook receiver started here on 127.0.0.1 (JSON and Mattermost text), and
 * report a webhook that keeps failing without changing the night's exit code.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installCleanupHandlers, labDown, labUp } from '../../harness/lab/index.ts';
import type { NightReport } from '../../harness/nightly/night-report.ts';
import { type RunRecord } from '../../results/run-record.ts';
import { EXIT_CODES } from '../../results/errors.ts';
import { openStore } from '../../results/store/open-store.ts';
import { labMissing, livekitBlocked, livekitMissing, shouldSkip } from '../helpers/requirements.ts';
import { runCli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const skip = shouldSkip('test/e2e/nightly-suite.test.ts', 'a nightly suite on two lab platforms', labMissing() ?? livekitMissing(), {
  blocked: labMissing() === null && livekitBlocked(),
});

// maxCpuPct 100: this 2-core machine is shared; the test is about the night's machinery, not the figures
const scenario = (name: string, fps: number): string => `name: ${name}
platforms:
  - { id: placeholder, adapter: janus-videoroom, url: "lab:janus" }
participants: { count: 2, rampUpMs: 300, media: { width: 160, height: 120, fps: ${fps} } }
durationS: 3
warmupS: 1
runner: { maxCpuPct: 100 }
`;

interface Received {
  path: string;
  body: unknown;
}

function receiver(): Promise<{ server: Server; port: number; received: Received[] }> {
  const received: Received[] = [];
  let failures = 0;
  const server = createServer((req: IncomingMessage, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      if (req.url?.startsWith('/always-down')) {
        failures += 1;
        res.writeHead(503).end('down');
        return;
      }
      received.push({ path: req.url ?? '', body: JSON.parse(text) as unknown });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as { port: number }).port, received: Object.assign(received, { failures: () => failures }) }),
    ),
  );
}

describe.skipIf(skip)('meetbench nightly: two lab platforms × two scenarios × 3 repeats', () => {
  const dir = tempDir('mb-nightly-');
  const dataDir = path.join(dir, 'data');
  let hook: Awaited<ReturnType<typeof receiver>>;
  // the lab comes up once here, waiting for another process's lab to go (a shared machine); the night reuses it
  const labDir = path.join(dir, 'lab');
  let ownLab = false;
  const uninstall = installCleanupHandlers();

  beforeAll(async () => {
    hook = await receiver();
    ownLab = !(await labUp({ dataDir: labDir, platforms: ['janus', 'livekit'], waitMs: 300_000 })).reused;
  }, 360_000);
  afterAll(async () => {
    hook?.server.close();
    if (ownLab) await labDown(labDir).catch(() => undefined);
    uninstall();
  });

  it('runs the night, stores one run, writes the reports and notifies', async () => {
    writeFileSync(path.join(dir, 'call.yaml'), scenario('call', 15));
    writeFileSync(path.join(dir, 'small-call.yaml'), scenario('small-call', 10));
    writeFileSync(
      path.join(dir, 'criteria.yaml'),
      `version: 1
measured:
  - { id: join-time, metric: join_time_ms, threshold: "p(95) < 20000", title: { fr: "Connexion < 20 s", en: "Join < 20 s" } }
  - { id: joined, metric: join_success, threshold: "rate >= 1", title: { fr: Tous connectés, en: Everybody joined } }
`,
    );
    const base = `http://127.0.0.1:${hook.port}`;
    writeFileSync(
      path.join(dir, 'suite.yaml'),
      `name: e2e-night
scenarios: [call.yaml, small-call.yaml]
platforms:
  - { id: janus, title: "Janus (lab)", adapter: janus-videoroom, url: "lab:janus" }
  - { id: livekit, title: "LiveKit (lab)", adapter: livekit-meet, url: "lab:livekit" }
repeats: 3
criteria: criteria.yaml
deadline: 30m
viewer: { baseUrl: "http://127.0.0.1:8080" }
notify:
  - { url: "${base}/hooks/json-secret-token", format: json }
  - { url: "${base}/hooks/mattermost-secret-token", format: mattermost }
  - { url: "${base}/always-down/secret-token", format: slack, retries: 2, backoffMs: 100 }
`,
    );
    const result = await runCli(['nightly', path.join(dir, 'suite.yaml')], { dataDir });
    const context = `exit ${result.code}\n${result.stdout}\n${result.stderr.slice(-3000)}`;
    expect(result.stderr, context).not.toMatch(/\n\s+at /);

    const store = await openStore(dataDir);
    const runs = await store.allRuns();
    expect(runs).toHaveLength(1);
    const run = runs[0] as RunRecord;
    expect(run.kind).toBe('nightly');
    expect(run.status).toBe('complete');
    expect(run.trials).toHaveLength(12);
    expect(new Set(run.trials.map((t) => `${t.scenario}/${t.platform}`))).toEqual(
      new Set(['call/janus', 'call/livekit', 'small-call/janus', 'small-call/livekit']),
    );
    expect(run.trials.map((t) => t.repeat).sort()).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
    // the exit code is the night's verdict; a real join on the lab must not fail or break
    expect(result.code, context).toBe(EXIT_CODES[run.verdict]);
    expect(['passed', 'inconclusive'], context).toContain(run.verdict);

    const reports = path.join(dataDir, 'reports', run.id);
    const night = JSON.parse(readFileSync(path.join(reports, 'night.json'), 'utf8')) as NightReport;
    expect(night.trials).toMatchObject({ planned: 12, measured: 12 });
    expect(night.platforms.map((p) => p.platform).sort()).toEqual(['janus', 'livekit']);
    expect(night.link).toBe(`http://127.0.0.1:8080/runs/${run.id}`);

    const junit = readFileSync(path.join(reports, 'junit.xml'), 'utf8');
    expect(XMLValidator.validate(junit)).toBe(true);
    const suites = new XMLParser({ ignoreAttributes: false }).parse(junit).testsuites.testsuite as { '@_name': string; testcase: unknown[] }[];
    expect(suites.map((s) => s['@_name']).sort()).toEqual(['janus', 'livekit']);
    // 2 criteria × 2 scenarios per platform, the 3 repeats combined by their median
    for (const s of suites) expect(s.testcase).toHaveLength(4);
    const markdown = readFileSync(path.join(reports, 'report.md'), 'utf8');
    expect(markdown).toMatch(/^# meetbench /);
    expect(markdown).toContain('## Regressions against previous nights');
    expect(readFileSync(path.join(reports, 'scorecard.txt'), 'utf8')).toMatch(/janus[\s\S]*livekit/i);
    expect(result.stdout).toContain(`night ${run.id}: ${run.verdict} (12/12 trials)`);

    // the webhooks: one JSON report, one Mattermost text, and the failing one reported after 3 attempts
    const json = hook.received.find((r) => r.path.includes('json'))?.body as NightReport;
    expect(json).toMatchObject({ suite: 'e2e-night', runId: run.id, verdict: run.verdict, exitCode: result.code });
    const text = (hook.received.find((r) => r.path.includes('mattermost'))?.body as { text: string }).text;
    expect(text).toContain(`**meetbench e2e-night**: ${run.verdict.toUpperCase()} (12/12 trials)`);
    expect(text).toContain(`[Open the scorecard](http://127.0.0.1:8080/runs/${run.id})`);
    expect((hook.received as unknown as { failures: () => number }).failures()).toBe(3);
    expect(result.stderr).toContain(`NOTIFY FAILED: slack webhook http://127.0.0.1:${hook.port}/… after 3 attempt(s): HTTP 503`);
    // webhook secrets stay out of the output
    expect(result.stderr + result.stdout).not.toContain('secret-token');
    expect(existsSync(path.join(dataDir, 'run.lock'))).toBe(false);
  }, 420_000);
});
