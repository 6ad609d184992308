/**
 * Fault catalogue, viewer (README \"Reliability\", V1–V7): the cases the viewer tests do not already
 * cover, against the real `meetbench serve` process on 127.0.0.1 (XSS: test/e2e/viewer-xss.test.ts;
 * traversal: test/unit/server/artifacts.test.ts; CSP, read-only, auth, fingerprinting:
 * test/unit/server/security.test.ts). Here: foreign Host headers (DNS rebinding), HEAD/OPTIONS/TRACE,
 * a very long URL, broken percent-encoding, and many parallel clients (autocannon) for a few seconds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../results/store/open-store.ts';
import { generateDataset } from '../../results/seed/generate-dataset.ts';
import { recordFault } from './helpers/fault-record.ts';

const TEST = 'test/faults/viewer.faults.test.ts';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** a raw request: the path and the Host header exactly as given */
function request(base: URL, rawPath: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: base.hostname, port: base.port, path: rawPath, method: options.method ?? 'GET', headers: options.headers, setHost: !options.headers?.Host },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const rssKb = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
const noStack = (a: Answer): boolean => !/\n\s+at |node_modules|\.ts:\d+/.test(a.body);

describe('the viewer process under hostile requests', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mb-faults-viewer-'));
  let child: ChildProcess;
  let base: URL;
  let latest = '';

  beforeAll(async () => {
    const store = await openStore(dataDir);
    await generateDataset(store, { days: 3, detailedNights: 1 });
    latest = (await store.listRuns())[0]!.id;
    child = spawn(process.execPath, ['bin/meetbench.js', '--data-dir', dataDir, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    base = new URL(
      await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stdout!.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          const match = /on (http:\/\/127\.0\.0\.1:\d+)\//.exec(text);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`the viewer exited with ${code}`)));
      }),
    );
  }, 180_000);

  afterAll(() => {
    child?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers only to loopback Host names without a password (DNS rebinding)', async () => {
    const hosts: Array<[string, boolean]> = [
      [`127.0.0.1:${base.port}`, true],
      [`localhost:${base.port}`, true],
      [`[::1]:${base.port}`, true],
      [`evil.example:${base.port}`, false],
      ['attacker.example', false],
      [`127.0.0.1.evil.example:${base.port}`, false],
      [`10.0.0.5:${base.port}`, false],
    ];
    const wrong: string[] = [];
    for (const [host, allowed] of hosts) {
      const a = await request(base, '/', { headers: { Host: host } });
      if (allowed ? a.status !== 200 : a.status < 400 || a.body.includes('scorecard')) wrong.push(`${host}: ${a.status}`);
    }
    recordFault({
      id: 'V8',
      part: 'viewer',
      case: 'foreign Host header (DNS rebinding) on a viewer without password',
      trials: hosts.length,
      survived: hosts.length - wrong.length,
      lost: wrong.length,
      figure: `${hosts.length} Host headers: loopback names answered, ${hosts.filter((h) => !h[1]).length} foreign names refused${wrong.length ? `; WRONG ${wrong.join(', ')}` : ''}`,
      test: TEST,
    });
    expect(wrong).toEqual([]);
  });

  it('HEAD, OPTIONS, TRACE, a 100 kB URL and broken percent-encoding: a clean 2xx/4xx, no stack trace, still serving', async () => {
    const cases: Array<[string, () => Promise<Answer>, (a: Answer) => boolean]> = [
      ['HEAD /', () => request(base, '/', { method: 'HEAD' }), (a) => a.status === 200 && a.body === ''],
      ['OPTIONS /', () => request(base, '/', { method: 'OPTIONS' }), (a) => a.status === 405 && a.headers.allow === 'GET, HEAD'],
      ['TRACE /', () => request(base, '/', { method: 'TRACE' }), (a) => a.status === 405],
      [
        '100 kB URL',
        () => request(base, `/runs/${'a'.repeat(100_000)}`).catch(() => ({ status: 431, headers: {}, body: '' })),
        (a) => a.status >= 400 && a.status < 500,
      ],
      ['8 kB run id', () => request(base, `/runs/${'a'.repeat(8_000)}`), (a) => a.status === 404 || a.status === 400],
      ['broken %-encoding', () => request(base, '/runs/%E0%A4%A'), (a) => a.status === 400 || a.status === 404],
      ['NUL in path', () => request(base, '/runs/x%00y'), (a) => a.status === 400 || a.status === 404],
      ['query flood', () => request(base, `/compare?${Array.from({ length: 2000 }, (_, i) => `a${i}=x`).join('&')}`), (a) => a.status < 500],
      ['after all that', () => request(base, `/runs/${latest}`), (a) => a.status === 200],
    ];
    const wrong: string[] = [];
    for (const [name, send, ok] of cases) {
      const a = await send();
      if (!ok(a) || !noStack(a)) wrong.push(`${name}: ${a.status} ${a.body.slice(0, 80)}`);
    }
    recordFault({
      id: 'V7',
      part: 'viewer',
      case: 'HEAD/OPTIONS/TRACE, 100 kB URL, broken encoding, query flood',
      trials: cases.length,
      survived: cases.length - wrong.length,
      lost: wrong.length,
      figure: `${cases.length} requests: ${cases.length - wrong.length} answered as expected without a stack trace, the viewer still serving${wrong.length ? `; WRONG ${wrong.join(' | ')}` : ''}`,
      test: TEST,
    });
    expect(wrong).toEqual([]);
  });

  it('many parallel clients for a few seconds: no error, bounded memory, still serving', async () => {
    const pid = child.pid!;
    const rssBefore = rssKb(pid);
    const times: number[] = [];
    const result = await autocannon({
      url: `${base.origin}/runs/${latest}`,
      connections: 64,
      duration: 4,
      setupClient: (client) => client.on('response', (_s: number, _b: number, ms: number) => times.push(ms)),
    });
    times.sort((a, b) => a - b);
    const rssAfter = rssKb(pid);
    const after = await request(base, '/');
    const p99 = times[Math.max(0, Math.ceil(times.length * 0.99) - 1)] ?? NaN;
    const failures = result.errors + result.non2xx;
    recordFault({
      id: 'V9',
      part: 'viewer',
      case: 'many parallel requests (autocannon, 64 connections, 4 s)',
      trials: times.length,
      survived: times.length - failures,
      lost: failures + (after.status === 200 ? 0 : 1),
      figure: `${times.length} requests, ${result.requests.average.toFixed(0)} req/s, p99 ${p99.toFixed(0)} ms, ${result.errors} errors, ${result.non2xx} non-2xx; viewer RSS ${(rssBefore / 1024).toFixed(0)} → ${(rssAfter / 1024).toFixed(0)} MB; answers after: ${after.status}`,
      test: TEST,
    });
    expect(failures).toBe(0);
    expect(times.length).toBeGreaterThan(50);
    expect(after.status).toBe(200);
    expect(rssAfter).toBeLessThan(rssBefore + 300 * 1024);
  }, 60_000);
});
