/**
 * Webhooks against a receiver started here on 127.0.0.1: bounded retries with backoff on 5xx and network
 * errors, no retry on a 4xx that retrying cannot fix, the secret part of the URL never reported, and the
 * chat formats carrying the verdicts, the regressions with their numbers, and the link.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMessage } from '../../harness/nightly/notify/format-message.ts';
import { postWebhook } from '../../harness/nightly/notify/post-webhook.ts';
import type { NightReport } from '../../harness/nightly/night-report.ts';
import { notifySchema } from '../../harness/scenario/suite-schema.ts';

let server: Server;
let base: string;
const hits = new Map<string, number>();
const bodies: unknown[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const key = req.url ?? '';
    hits.set(key, (hits.get(key) ?? 0) + 1);
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      if (key.startsWith('/flaky') && hits.get(key)! < 3) return void res.writeHead(502).end();
      if (key.startsWith('/bad-request')) return void res.writeHead(400).end();
      if (key.startsWith('/down')) return void res.writeHead(500).end();
      bodies.push(JSON.parse(text));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => server.close());

const target = (url: string, extra: object = {}) => notifySchema.parse({ url, backoffMs: 50, ...extra });

const report: NightReport = {
  schemaVersion: 1,
  suite: 'nightly',
  runId: 'R1',
  status: 'complete',
  verdict: 'failed',
  stoppedBy: null,
  reason: null,
  startedAt: '2026-11-29T01:00:00Z',
  finishedAt: '2026-11-29T03:00:00Z',
  trials: { planned: 12, measured: 12, broken: 0, inconclusive: 0 },
  platforms: [
    { platform: 'janus', name: 'Janus', verdict: 'passed', score: 100, summary: '', trials: 6 },
    { platform: 'galene', name: 'Galène', verdict: 'failed', score: 50, summary: '', trials: 6 },
  ],
  history: {
    baselineRuns: ['a', 'b'],
    skipped: [],
    comparisons: [],
    regressions: [
      {
        platform: 'galene',
        scenario: 'call',
        network: 'lan',
        metric: 'join_time_ms',
        worseWhen: 'higher',
        tonight: { n: 3, median: 1950, values: [1900, 1950, 2100] },
        baseline: { n: 42, nights: 14, median: 1500 },
        changePct: 30,
        u: 126,
        p: 0.00007,
        effect: 1,
        method: 'exact',
        regression: true,
        reason: '',
      },
    ],
  },
  link: 'http://viewer.example.test/runs/R1',
  reports: {},
  exitCode: 1,
};

describe('webhooks', () => {
  it('retries a failing receiver with backoff and succeeds within the bound', async () => {
    const started = Date.now();
    const outcome = await postWebhook(target(`${base}/flaky/secret`, { retries: 3 }), { hello: 1 });
    expect(outcome).toMatchObject({ ok: true, attempts: 3, status: 204, error: null });
    expect(Date.now() - started).toBeGreaterThanOrEqual(50 + 100); // two backoffs: 50, then 100 ms
    expect(outcome.target).toBe(`${base}/…`);
  });

  it('gives up after the bounded number of retries and reports why', async () => {
    const outcome = await postWebhook(target(`${base}/down/secret`, { retries: 2 }), {});
    expect(outcome).toMatchObject({ ok: false, attempts: 3, status: 500, error: 'HTTP 500' });
    expect(hits.get('/down/secret')).toBe(3);
  });

  it('does not retry a 400: the request itself is wrong', async () => {
    const outcome = await postWebhook(target(`${base}/bad-request/x`, { retries: 5 }), {});
    expect(outcome).toMatchObject({ ok: false, attempts: 1, status: 400 });
  });

  it('reports a receiver that is not listening without throwing', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const outcome = await postWebhook(target(`http://127.0.0.1:${port}/hook`, { retries: 1 }), {});
    expect(outcome).toMatchObject({ ok: false, attempts: 2, status: null, error: 'ECONNREFUSED' });
  });

  it('posts the chat formats with verdicts, regression numbers and the link', async () => {
    bodies.length = 0;
    for (const format of ['slack', 'mattermost', 'rocketchat', 'teams', 'json'] as const) {
      expect((await postWebhook(target(`${base}/ok/${format}`, { format }), formatMessage(format, report))).ok).toBe(true);
    }
    const [slack, mattermost, rocket, teams, json] = bodies as [
      { text: string },
      { text: string },
      { text: string },
      { attachments: { content: { body: { text: string }[] } }[] },
      NightReport,
    ];
    expect(slack.text).toContain('*meetbench nightly*: FAILED (12/12 trials)');
    expect(slack.text).toContain('<http://viewer.example.test/runs/R1|Open the scorecard>');
    expect(mattermost.text).toContain('- ❌ Galène: failed (score 50)');
    expect(mattermost.text).toContain('galene · call · lan · join_time_ms: +30 % (median 1950 vs 1500 over 14 night(s), n = 3/42, p = 7.0e-5)');
    expect(rocket.text).toBe(mattermost.text);
    expect(teams.attachments[0]!.content.body.map((b) => b.text)).toContain('[Open the scorecard](http://viewer.example.test/runs/R1)');
    expect(json).toEqual(report);
  });
});
