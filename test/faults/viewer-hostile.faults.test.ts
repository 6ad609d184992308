/**
 * Fault catalogue, the viewer facing hostile clients: someone guessing its password, a web page in the same
 * browser as the viewer, addresses made to go off-site or to make the read-only viewer write. Real HTTP
 * against the real app; where the real `meetbench serve` process matters (its log, its real clock), that.
 */
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../results/store/open-store.ts';
import type { ResultsStore } from '../../results/store/results-store.ts';
import { createApp } from '../../server/create-app.ts';
import { startServer, type RunningServer } from '../../server/start-server.ts';
import { makeParticipant, makeRun, makeTrial } from '../helpers/run-factory.ts';
import { isRoot, shouldSkip } from '../helpers/requirements.ts';
import { recordFault } from './helpers/fault-record.ts';
import { hostileSandbox, nothingOutsideChanged } from './helpers/hostile-sandbox.ts';
import { startViewer } from './helpers/start-viewer.ts';

const TEST = 'test/faults/viewer-hostile.faults.test.ts';
const sandbox = hostileSandbox('mb-faults-viewer-');
const before = sandbox.snapshot();
afterAll(() => sandbox.remove());

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** one request as sent, from a chosen local address (127.0.0.2 is another client of the same machine) */
function request(base: string, rawPath: string, options: { headers?: Record<string, string>; from?: string } = {}): Promise<Answer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: rawPath, headers: options.headers, localAddress: options.from ?? '127.0.0.1', agent: false },
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

const basic = (user: string, password: string, scheme = 'Basic'): Record<string, string> => ({
  Authorization: `${scheme} ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});
const RIGHT = 'correct horse battery staple';

async function storeWithOneRun(): Promise<{ dataDir: string; store: Awaited<ReturnType<typeof openStore>> }> {
  const dataDir = sandbox.dataDir();
  const store = await openStore(dataDir);
  await store.saveRun(makeRun({ id: 'run-1' }));
  return { dataDir, store };
}

describe('guessing the viewer password', () => {
  it('300 wrong passwords from one client take at least 30 s; the right one still works from another client', async () => {
    const { store } = await storeWithOneRun();
    // the throttle's clock: advanced by each Retry-After instead of waiting it out
    let now = 1_700_000_000_000;
    const logged: string[] = [];
    const server: RunningServer = await startServer(
      createApp({ store, auth: { password: RIGHT, now: () => now, log: (line) => logged.push(line) } }),
      '127.0.0.1',
      0,
    );
    try {
      const guesses = 300;
      let checked = 0;
      let refused429 = 0;
      let waitedMs = 0;
      const started = performance.now();
      while (checked < guesses) {
        const answer = await request(server.url, '/', { headers: basic('meetbench', `guess-${checked}`) });
        if (answer.status === 401) checked += 1;
        else if (answer.status === 429) {
          refused429 += 1;
          const wait = Number(answer.headers['retry-after']) * 1000;
          now += wait;
          waitedMs += wait;
        } else throw new Error(`guess ${checked}: ${answer.status}`);
      }
      const realMs = performance.now() - started;
      const otherClient = await request(server.url, '/', { headers: basic('meetbench', RIGHT), from: '127.0.0.2' });
      const sameClientRightAway = await request(server.url, '/', { headers: basic('meetbench', RIGHT) });
      now += 61_000;
      const sameClientLater = await request(server.url, '/', { headers: basic('meetbench', RIGHT) });
      const leaked = logged.filter((line) => /guess-|correct horse/.test(line)).length;
      const ok = waitedMs >= 30_000 && otherClient.status === 200 && sameClientLater.status === 200 && leaked === 0 && logged.length === guesses;
      recordFault({
        id: 'H3',
        part: 'viewer',
        case: '300 wrong passwords from one client (real HTTP, the throttle on a test clock)',
        trials: guesses,
        survived: ok ? guesses : 0,
        lost: ok ? 0 : guesses,
        figure: `300 wrong passwords checked from 127.0.0.1 cost ${(waitedMs / 3_600_000).toFixed(1)} h of enforced waiting (the first 5 free, then 1, 2, 4 … 60 s; ${refused429} requests answered 429 + Retry-After meanwhile, their password not checked), ${(realMs / 1000).toFixed(1)} s of real HTTP on the test clock; the right password from 127.0.0.2 right after: ${otherClient.status}; from 127.0.0.1 while it waits: ${sameClientRightAway.status}, after its wait: ${sameClientLater.status}; ${logged.length} failures logged with the address, ${leaked} with what was typed`,
        test: TEST,
      });
      expect(waitedMs).toBeGreaterThanOrEqual(30_000);
      expect(otherClient.status).toBe(200);
      expect(sameClientRightAway.status).toBe(429);
      expect(sameClientLater.status).toBe(200);
      expect(logged).toHaveLength(guesses);
      expect(leaked).toBe(0);
    } finally {
      await server.close();
    }
  }, 300_000);

  it('the real viewer process on its real clock: free typos, then 429 with Retry-After, failures logged without the password', async () => {
    const { dataDir } = await storeWithOneRun();
    const passwordFile = path.join(dataDir, '..', `${path.basename(dataDir)}-password`);
    writeFileSync(passwordFile, `${RIGHT}\n`);
    const viewer = await startViewer(dataDir, ['--password-file', passwordFile]);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i += 1) statuses.push((await request(viewer.base, '/api/runs', { headers: basic('meetbench', `hunter2-${i}`) })).status);
      const blocked = await request(viewer.base, '/api/runs', { headers: basic('meetbench', RIGHT) });
      const other = await request(viewer.base, '/api/runs', { headers: basic('meetbench', RIGHT), from: '127.0.0.2' });
      const log = viewer.stderr();
      const failureLines = log.split('\n').filter((l) => l.includes('wrong password from 127.0.0.1')).length;
      const ok =
        statuses.slice(0, 6).every((s) => s === 401) &&
        statuses.slice(6).every((s) => s === 429) &&
        blocked.status === 429 &&
        Number(blocked.headers['retry-after']) >= 1 &&
        other.status === 200 &&
        failureLines === 6 &&
        !log.includes('hunter2') &&
        !log.includes('horse');
      recordFault({
        id: 'H3b',
        part: 'viewer',
        case: 'wrong passwords against the real `meetbench serve` process (real clock)',
        trials: 10,
        survived: ok ? 10 : 0,
        lost: ok ? 0 : 10,
        figure: `8 wrong passwords in a row from 127.0.0.1: ${statuses.join(', ')}; the right one from there at once: ${blocked.status} (Retry-After ${blocked.headers['retry-after']} s), from 127.0.0.2: ${other.status}; ${failureLines} failures in the log, with the address and never the password ("${log.split('\n').find((l) => l.includes('wrong password'))}")`,
        test: TEST,
      });
      expect(ok).toBe(true);
    } finally {
      viewer.stop();
    }
  }, 120_000);
});

describe('authentication details a proxy or a client may differ on', () => {
  /** the app with a password, over real HTTP, for the length of one test */
  async function withLockedViewer(test: (base: string) => Promise<void>): Promise<void> {
    const { store } = await storeWithOneRun();
    const server = await startServer(createApp({ store, auth: { password: RIGHT, log: () => undefined } }), '127.0.0.1', 0);
    try {
      await test(server.url);
    } finally {
      await server.close();
    }
  }

  it('the Authorization scheme is accepted in any case', () =>
    withLockedViewer(async (base) => {
      const failures: string[] = [];
      // RFC 9110: the scheme is case-insensitive; some proxies and clients send it lower-case
      const schemes = ['Basic', 'basic', 'BASIC', 'bAsIc'];
      for (const scheme of schemes) {
        const answer = await request(base, '/api/runs', { headers: basic('meetbench', RIGHT, scheme) });
        if (answer.status !== 200) failures.push(`scheme ${scheme}: ${answer.status}`);
      }
      const bearer = await request(base, '/api/runs', { headers: basic('meetbench', RIGHT, 'Bearer') });
      if (bearer.status !== 401) failures.push(`scheme Bearer: ${bearer.status}`);
      recordFault({
        id: 'H3c',
        part: 'viewer',
        case: 'Authorization scheme in lower, upper and mixed case',
        trials: schemes.length + 1,
        survived: schemes.length + 1 - failures.length,
        lost: failures.length,
        figure: `${schemes.join(', ')} with the right password: 200; another scheme: 401${failures.length ? `; FAILED ${failures.join(' | ')}` : ''}`,
        test: TEST,
      });
      expect(failures).toEqual([]);
    }));

  it('no authenticated answer may be kept by a shared cache', () =>
    withLockedViewer(async (base) => {
      const failures: string[] = [];
      const pages = ['/', '/runs/run-1', '/api/runs', '/metrics', '/assets/style.css', '/no-such-page'];
      for (const page of pages) {
        const answer = await request(base, page, { headers: basic('meetbench', RIGHT) });
        const cache = String(answer.headers['cache-control'] ?? '');
        // a shared cache (a city proxy) must never keep a page it got for someone's password
        if (!/\bprivate\b/.test(cache) || (!page.startsWith('/assets/') && !/\bno-store\b/.test(cache))) failures.push(`${page}: Cache-Control "${cache}"`);
      }
      const challenge = await request(base, '/');
      if (!/\bno-store\b/.test(String(challenge.headers['cache-control']))) failures.push(`401: Cache-Control "${challenge.headers['cache-control']}"`);
      recordFault({
        id: 'H3d',
        part: 'viewer',
        case: 'Cache-Control of authenticated answers (shared caches)',
        trials: pages.length + 1,
        survived: pages.length + 1 - failures.length,
        lost: failures.length,
        figure: `${pages.length} authenticated answers and the 401: all private; pages, API, /metrics and errors no-store, assets private for an hour${failures.length ? `; FAILED ${failures.join(' | ')}` : ''}`,
        test: TEST,
      });
      expect(failures).toEqual([]);
    }));
});

/** every entry below a folder, as relative paths */
function listTree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

describe('the read-only viewer never writes', () => {
  it('an artifact address of a trial whose artifacts are gone creates nothing and answers 404', async () => {
    const { dataDir, store } = await storeWithOneRun();
    await store.saveRun(
      makeRun({ id: 'pruned', trials: [makeTrial({ id: 't1', participants: [makeParticipant({ artifacts: ['p1-failure.png', 'p1.console.txt'] })] })] }),
    );
    const server = await startServer(createApp({ store }), '127.0.0.1', 0);
    try {
      const tree = listTree(dataDir);
      const addresses = [
        '/artifacts/pruned/t1/p1-failure.png',
        '/artifacts/pruned/t1/p1.console.txt',
        '/artifacts/run-1/t1/p1.png',
        '/artifacts/pruned/t2/p1.png',
      ];
      const answers: string[] = [];
      for (const address of addresses) answers.push(`${(await request(server.url, address)).status}`);
      const created = listTree(dataDir).filter((entry) => !tree.includes(entry));
      const ok = answers.every((a) => a === '404') && created.length === 0;
      recordFault({
        id: 'H7',
        part: 'viewer',
        case: 'artifact addresses of a trial whose artifact folder is gone (pruned)',
        trials: addresses.length,
        survived: ok ? addresses.length : 0,
        lost: ok ? 0 : addresses.length,
        figure: `${addresses.length} addresses: ${answers.join(', ')}; ${created.length} entries created in the data dir${created.length ? ` (${created.join(', ')})` : ''}`,
        test: TEST,
      });
      expect(created).toEqual([]);
      expect(answers).toEqual(['404', '404', '404', '404']);
    } finally {
      await server.close();
    }
  });

  const skipMount = shouldSkip(TEST, 'viewer on a read-only filesystem (tmpfs remounted read-only)', isRoot() ? null : 'needs root (mounts a small tmpfs)');
  it.skipIf(skipMount)('on a read-only filesystem: pages 200, a missing artifact 404, no 500', async () => {
    const dataDir = sandbox.dataDir();
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dataDir]);
    try {
      const seed = await openStore(dataDir);
      await seed.saveRun(makeRun({ id: 'pruned', trials: [makeTrial({ id: 't1', participants: [makeParticipant({ artifacts: ['p1-failure.png'] })] })] }));
      execFileSync('mount', ['-o', 'remount,ro', dataDir]);
      const store = await openStore(dataDir);
      const server = await startServer(createApp({ store }), '127.0.0.1', 0);
      try {
        const addresses = ['/', '/runs/pruned', '/api/runs', '/metrics', '/artifacts/pruned/t1/p1-failure.png'];
        const statuses: number[] = [];
        for (const address of addresses) statuses.push((await request(server.url, address)).status);
        const expected = [200, 200, 200, 200, 404];
        const wrong = addresses.filter((_, i) => statuses[i] !== expected[i]);
        recordFault({
          id: 'H7b',
          part: 'viewer',
          case: 'the viewer over a data dir on a read-only filesystem',
          trials: addresses.length,
          survived: addresses.length - wrong.length,
          lost: wrong.length,
          figure: `${addresses.join(', ')}: ${statuses.join(', ')}`,
          test: TEST,
        });
        expect(statuses).toEqual(expected);
      } finally {
        await server.close();
      }
    } finally {
      execFileSync('umount', [dataDir]);
    }
  });
});

describe('files in the data directory that are not what they claim', () => {
  it('FIFOs, a link to /dev/zero and 1 GiB files as artifacts and samples: answered at once, the viewer keeps serving', async () => {
    const { dataDir, store } = await storeWithOneRun();
    const trials = ['fifo', 'zero', 'huge'].map((id) =>
      makeTrial({ id, samplesFile: `samples/r/${id}.ndjson`, participants: [makeParticipant({ artifacts: ['p1-failure.png', 'p1.console.txt'] })] }),
    );
    await store.saveRun(makeRun({ id: 'r', trials }));
    const samples = path.join(dataDir, 'samples', 'r');
    const artifacts = (trial: string): string => path.join(dataDir, 'artifacts', 'r', trial);
    mkdirSync(samples, { recursive: true });
    for (const t of ['fifo', 'zero', 'huge']) mkdirSync(artifacts(t), { recursive: true });
    // someone with write access to the data dir: a FIFO nobody writes to, a link to an endless device, sparse giants
    execFileSync('mkfifo', [path.join(samples, 'fifo.ndjson'), path.join(artifacts('fifo'), 'p1.console.txt')]);
    symlinkSync('/dev/zero', path.join(samples, 'zero.ndjson'));
    symlinkSync('/dev/zero', path.join(artifacts('zero'), 'p1.console.txt'));
    execFileSync('truncate', ['-s', '1G', path.join(samples, 'huge.ndjson'), path.join(artifacts('huge'), 'p1-failure.png')]);
    const viewer = await startViewer(dataDir);
    try {
      const addresses = ['fifo', 'zero', 'huge'].flatMap((t) => [
        `/api/runs/r/trials/${t}/series`,
        `/api/runs/r/trials/${t}/samples.ndjson`,
        `/artifacts/r/${t}/p1.console.txt`,
        `/artifacts/r/${t}/p1-failure.png`,
      ]);
      const wrong: string[] = [];
      let slowest = 0;
      // all at once, more than the 4 threads of libuv's pool: a read blocked on a FIFO used to hold one for ever
      await Promise.all(
        addresses.map(async (address) => {
          const started = performance.now();
          try {
            const res = await fetch(`${viewer.base}${address}`, { signal: AbortSignal.timeout(10_000) });
            const body = await res.text();
            slowest = Math.max(slowest, performance.now() - started);
            if (res.status >= 500 || body.length > 1024 * 1024 || (res.status === 200 && address.endsWith('.txt')))
              wrong.push(`${address}: ${res.status}, ${body.length} bytes`);
          } catch (error) {
            wrong.push(`${address}: ${(error as Error).name} after ${((performance.now() - started) / 1000).toFixed(1)} s`);
          }
        }),
      );
      const after = await fetch(`${viewer.base}/api/runs`, { signal: AbortSignal.timeout(10_000) }).then(
        (r) => r.status,
        (e: Error) => e.name,
      );
      const rssMb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${viewer.child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
      const stacks = (viewer.stderr().match(/\n\s+at /g) ?? []).length;
      const ok = wrong.length === 0 && after === 200 && rssMb < 500 && stacks === 0;
      recordFault({
        id: 'H13',
        part: 'viewer',
        case: 'samples and artifacts that are FIFOs, links to /dev/zero or 1 GiB files, all requested at once',
        trials: addresses.length + 1,
        survived: ok ? addresses.length + 1 : addresses.length - wrong.length,
        lost: ok ? 0 : wrong.length + (after === 200 ? 0 : 1),
        figure: `${addresses.length} requests at once: answered in at most ${(slowest / 1000).toFixed(2)} s (404 for artifacts, 422 naming the samples file and what it is), none 5xx; /api/runs after: ${after}; viewer RSS ${rssMb.toFixed(0)} MB; ${stacks} stack traces logged${wrong.length ? `; WRONG ${wrong.join(' | ')}` : ''}`,
        test: TEST,
      });
      expect(wrong).toEqual([]);
      expect(after).toBe(200);
      expect(rssMb).toBeLessThan(500);
      expect(stacks).toBe(0);
    } finally {
      viewer.stop();
    }
  }, 120_000);
});

describe('run and trial ids that fail the id check', () => {
  it('are 404, never 500 with a stack, even from a store that let them through', async () => {
    const { store } = await storeWithOneRun();
    const hostileIds = ['bad id', '..', 'x/..', 'a\u0000b', `${'a'.repeat(200)}`, '.hidden'];
    // a store implementation that does not check what it returns: the viewer's own checks must hold
    const runs = hostileIds.map((id) => makeRun({ id, trials: [makeTrial({ id: id === 'bad id' ? '../t1' : 't1', samplesFile: 'samples/x.ndjson' })] }));
    const careless: ResultsStore = Object.assign(Object.create(store) as ResultsStore, {
      readRuns: async () => ({ runs: [...(await store.allRuns()), ...runs], skipped: [] }),
    });
    const stderr: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => (stderr.push(String(chunk)), true)) as typeof process.stderr.write;
    const server = await startServer(createApp({ store: careless }), '127.0.0.1', 0);
    const wrong: string[] = [];
    let requests = 0;
    try {
      for (const id of hostileIds) {
        const run = encodeURIComponent(id);
        const trial = encodeURIComponent(id === 'bad id' ? '../t1' : 't1');
        const hostileTrial = id === 'bad id' ? [`/runs/run-1?trial=${trial}`, `/api/runs/run-1/trials/${trial}`] : [];
        for (const address of [
          `/runs/${run}`,
          `/api/runs/${run}`,
          `/api/runs/${run}/trials/${trial}/series`,
          `/api/runs/${run}/trials/${trial}/samples.ndjson`,
          `/print/${run}`,
          ...hostileTrial,
        ]) {
          requests += 1;
          const answer = await request(server.url, address);
          if (answer.status !== 404 || /\n\s+at /.test(answer.body)) wrong.push(`${address}: ${answer.status}`);
        }
      }
    } finally {
      await server.close();
      process.stderr.write = write;
    }
    const stacks = stderr.filter((line) => /\n\s+at /.test(line)).length;
    recordFault({
      id: 'H11',
      part: 'viewer',
      case: 'run and trial ids that fail the id check, served by a store that let them through',
      trials: requests,
      survived: requests - wrong.length,
      lost: wrong.length + stacks,
      figure: `${requests} addresses with ids such as "bad id", "..", "x/..", NUL, 200 characters: ${requests - wrong.length} answered 404; ${stacks} stack traces logged${wrong.length ? `; WRONG ${wrong.slice(0, 6).join(' | ')}` : ''}`,
      test: TEST,
    });
    expect(wrong).toEqual([]);
    expect(stacks).toBe(0);
  });
});

describe('addresses made to lead a reader off-site', () => {
  it('no page links or redirects off-site, whatever its address', async () => {
    const { store } = await storeWithOneRun();
    const server = await startServer(createApp({ store }), '127.0.0.1', 0);
    const paths = [
      '//evil.example',
      '//evil.example/',
      '///evil.example',
      '/\\evil.example',
      '/%5Cevil.example',
      '/%2F%2Fevil.example',
      '//evil.example?lang=fr',
      '/runs//evil.example',
      '/assets//evil.example',
      '/assets/..%2f..%2f',
      '/vendor/uplot//evil.example',
      '//evil.example/runs/run-1',
    ];
    const wrong: string[] = [];
    let links = 0;
    try {
      for (const rawPath of paths) {
        const answer = await request(server.url, rawPath);
        const targets = [...answer.body.matchAll(/(?:href|src|action)="([^"]*)"/g)].map((m) =>
          m[1]!.replace(/&#39;|&amp;/g, (e) => (e === '&amp;' ? '&' : "'")),
        );
        if (answer.headers.location) targets.push(answer.headers.location);
        links += targets.length;
        // a browser reads //host and /\host as another site; anything with a scheme is one too
        const offSite = targets.filter((t) => /^(?:[/\\]{2}|\/\\|[a-z][a-z0-9+.-]*:)/i.test(t) || t.includes('evil.example'));
        if (offSite.length > 0 || answer.status >= 500) wrong.push(`${rawPath}: ${answer.status}, ${offSite.join(', ')}`);
      }
    } finally {
      await server.close();
    }
    recordFault({
      id: 'H8',
      part: 'viewer',
      case: 'addresses such as //evil.example, /\\evil.example, /%5Cevil.example (404 pages, redirects)',
      trials: paths.length,
      survived: paths.length - wrong.length,
      lost: wrong.length,
      figure: `${paths.length} addresses, ${links} links and redirects in their answers: ${wrong.length} leading off-site${wrong.length ? `: ${wrong.join(' | ')}` : ''}`,
      test: TEST,
    });
    expect(wrong).toEqual([]);
  });
});

describe('a web page in the same browser as the viewer', () => {
  it('its subresource and fetch requests are refused before the password; a link followed still opens the viewer', async () => {
    const { store } = await storeWithOneRun();
    const logged: string[] = [];
    const server = await startServer(createApp({ store, auth: { password: RIGHT, log: (line) => logged.push(line) } }), '127.0.0.1', 0);
    // what Chromium sends for each kind of request another site's page can make
    const fetchMeta = (site: string, mode: string, dest: string): Record<string, string> => ({
      'Sec-Fetch-Site': site,
      'Sec-Fetch-Mode': mode,
      'Sec-Fetch-Dest': dest,
    });
    const cases: Array<[string, Record<string, string>, number]> = [
      ['<img src> of an artifact', { ...fetchMeta('cross-site', 'no-cors', 'image'), ...basic('meetbench', RIGHT) }, 403],
      ['<script src> of /api/runs', { ...fetchMeta('cross-site', 'no-cors', 'script'), ...basic('meetbench', RIGHT) }, 403],
      ['fetch(/api/overview, no-cors)', { ...fetchMeta('cross-site', 'no-cors', 'empty'), ...basic('meetbench', RIGHT) }, 403],
      ['<iframe> of the overview', { ...fetchMeta('cross-site', 'navigate', 'iframe'), ...basic('meetbench', RIGHT) }, 403],
      ['a sibling intranet site, fetch', { ...fetchMeta('same-site', 'cors', 'empty'), ...basic('meetbench', RIGHT) }, 403],
      ['a link followed from the intranet', { ...fetchMeta('cross-site', 'navigate', 'document'), ...basic('meetbench', RIGHT) }, 200],
      ['the viewer itself, same origin', { ...fetchMeta('same-origin', 'cors', 'empty'), ...basic('meetbench', RIGHT) }, 200],
      ['curl (no fetch metadata)', basic('meetbench', RIGHT), 200],
    ];
    const wrong: string[] = [];
    try {
      for (const [name, headers, expected] of cases) {
        const address = name.includes('artifact') ? '/artifacts/run-1/t1/p1.png' : name.includes('api') ? '/api/runs' : '/';
        const answer = await request(server.url, address, { headers });
        if (answer.status !== expected) wrong.push(`${name}: ${answer.status}`);
      }
      // a page guessing through the user's browser: refused before counting, so the user is not throttled
      for (let i = 0; i < 20; i += 1)
        await request(server.url, '/', { headers: { ...fetchMeta('cross-site', 'no-cors', 'image'), ...basic('meetbench', `guess-${i}`) } });
      const user = await request(server.url, '/', { headers: basic('meetbench', RIGHT) });
      if (user.status !== 200) wrong.push(`the user after 20 cross-site guesses: ${user.status}`);
      if (logged.length > 0) wrong.push(`${logged.length} cross-site guesses counted as failures`);
    } finally {
      await server.close();
    }
    const trials = cases.length + 1;
    recordFault({
      id: 'H14',
      part: 'viewer',
      case: "another site's page in the viewer's browser: images, scripts, no-cors fetch, frames, guesses through the user's browser",
      trials,
      survived: trials - wrong.length,
      lost: wrong.length,
      figure: `${cases.filter((c) => c[2] === 403).length} kinds of cross-site request refused (403, before the password), a followed link, same-origin and curl served; 20 wrong passwords sent through the user's browser by another page: none counted, the user not throttled${wrong.length ? `; WRONG ${wrong.join(' | ')}` : ''}`,
      test: TEST,
    });
    expect(wrong).toEqual([]);
  });
});

nothingOutsideChanged(sandbox, before, { part: 'viewer', test: TEST, cases: 'hostile viewer cases' });
