/**
 * Fault catalogue, results store (README \"Reliability\", S1–S6): the real lowdb store on real files,
 * real child processes killed with SIGKILL, a real full and a real read-only filesystem (tmpfs, root only).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { isExpectedError } from '../../results/errors.ts';
import { LowdbStore, STORE_FILE } from '../../results/store/lowdb-store.ts';
import { openStore } from '../../results/store/open-store.ts';
import { isRoot, shouldSkip } from '../helpers/requirements.ts';
import { makeRun } from '../helpers/run-factory.ts';
import { recordFault } from './helpers/fault-record.ts';
import { seededRandom } from '../fuzz/seeded-random.ts';

const TEST = 'test/faults/store.faults.test.ts';
const KILL_TRIALS = Number(process.env.MEETBENCH_FAULTS_KILL_TRIALS ?? 200);
const dirs: string[] = [];
const freshDir = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mb-faults-store-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const WRITER = path.resolve('test/faults/helpers/kill-writer.ts');
const STORE_WRITER = path.resolve('test/helpers/store-writer.ts');

/** a writer child, started ahead of time so module loading (about 1 s here) is not paid inside each trial */
interface WarmWriter {
  child: ChildProcess;
  acked: string[];
  ready: Promise<void>;
  closed: Promise<void>;
}

/** the writer and the real store code bundled into one CommonJS file: node starts it in ~0.1 s instead of ~1 s through tsx */
async function bundleWriter(dir: string): Promise<string> {
  const outfile = path.join(dir, 'kill-writer.cjs');
  await build({ entryPoints: [WRITER], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'error' });
  return outfile;
}

function warmWriter(bundle: string, dir: string, prefix: string): WarmWriter {
  const child = spawn(process.execPath, [bundle, dir, prefix], { stdio: ['pipe', 'pipe', 'pipe'] });
  const acked: string[] = [];
  let buffer = '';
  let stderr = '';
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'ready') onReady();
      else if (line.startsWith('ack ')) acked.push(line.slice(4));
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  void closed.then(() => {
    // a writer that exits on its own before its kill is a failure of the case, not a silent pass
    if (child.signalCode !== 'SIGKILL') throw new Error(`writer ${prefix} exited by itself (${child.exitCode}): ${stderr.slice(-2000)}`);
  });
  return { child, acked, ready, closed };
}

function seedDocument(dir: string, runs: number): void {
  const doc = {
    schemaVersion: 1,
    runs: Array.from({ length: runs }, (_, i) => makeRun({ id: `seed-${i}`, startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString() })),
  };
  writeFileSync(path.join(dir, STORE_FILE), JSON.stringify(doc, null, 1));
}

const tempFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.tmp'));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('results store under kill -9 (S1)', () => {
  it(`kill -9 during a results write: ${KILL_TRIALS} trials, the file always parses and holds every acknowledged run`, async () => {
    const dir = freshDir();
    // a large document, so a kill often lands inside the write of the file and not between writes
    seedDocument(dir, 100);
    const random = seededRandom(0x5eed);
    let unreadable = 0;
    let lost = 0;
    let acknowledged = 0;
    let killedHoldingLock = 0;
    let tempsAfterKill = 0;
    let tempsAfterOpen = 0;
    let takeoverMs: number | null = null;
    let waitingForChildrenMs = 0;
    const startedAt = Date.now();
    const everAcked = new Set<string>();
    // children loading while one writes
    const bundle = await bundleWriter(freshDir());
    const pool = [0, 1, 2].map((i) => warmWriter(bundle, dir, `k${i}`));
    for (let trial = 0; trial < KILL_TRIALS; trial += 1) {
      const writer = pool.shift()!;
      if (trial + 3 < KILL_TRIALS) pool.push(warmWriter(bundle, dir, `k${trial + 3}`));
      const waitFrom = Date.now();
      await writer.ready;
      waitingForChildrenMs += Date.now() - waitFrom;
      const measureTakeover = takeoverMs === null && existsSync(path.join(dir, `${STORE_FILE}.lock`));
      const goAt = Date.now();
      writer.child.stdin!.write('go\n');
      if (measureTakeover) {
        // once: let the lock left by the previous kill go stale on its own and time the first write after it
        while (writer.acked.length === 0 && Date.now() - goAt < 30_000) await sleep(20);
        takeoverMs = Date.now() - goAt;
      }
      // after 0 or 1 acknowledged write, at a random moment of the next 50 ms (inside a write or between two)
      const acks = Math.floor(random() * 2);
      while (writer.acked.length < acks && Date.now() - goAt < 30_000) await sleep(2);
      await sleep(random() * 50);
      writer.child.kill('SIGKILL');
      await writer.closed;
      for (const id of writer.acked) everAcked.add(id);
      acknowledged += writer.acked.length;

      tempsAfterKill += tempFiles(dir).length;
      const lock = path.join(dir, `${STORE_FILE}.lock`);
      if (existsSync(lock)) {
        killedHoldingLock += 1;
        // what 10 s of waiting does (proper-lockfile judges staleness by the lock's mtime), without the wait;
        // the takeover itself is the store's own code in the next writer
        if (takeoverMs !== null) {
          const old = new Date(Date.now() - 60_000);
          utimesSync(lock, old, old);
        }
      }
      try {
        const store = await openStore(dir);
        const ids = new Set((await store.allRuns()).map((r) => r.id));
        lost += [...everAcked].filter((id) => !ids.has(id)).length;
        everAcked.clear();
        for (const id of ids) if (!id.startsWith('seed-')) everAcked.add(id);
      } catch (error) {
        unreadable += 1;
        process.stdout.write(`trial ${trial}: ${(error as Error).message}\n`);
        break;
      }
      tempsAfterOpen += tempFiles(dir).length;
    }
    for (const spare of pool) {
      spare.child.kill('SIGKILL');
      await spare.closed;
    }
    const doc = JSON.parse(readFileSync(path.join(dir, STORE_FILE), 'utf8')) as { runs: unknown[] };
    recordFault({
      id: 'S1',
      part: 'store',
      case: 'kill -9 during a results write',
      trials: KILL_TRIALS,
      survived: KILL_TRIALS - unreadable - (lost > 0 ? 1 : 0),
      lost,
      figure:
        `${KILL_TRIALS} trials, ${unreadable} unreadable store files, ${lost} lost runs of ${acknowledged} acknowledged ` +
        `(${doc.runs.length} runs in the file); ${killedHoldingLock} kills left the lock held, taken over as stale ` +
        `(measured once: first write ${takeoverMs === null ? 'n/a' : `${(takeoverMs / 1000).toFixed(1)} s`} after the kill); ` +
        `${tempsAfterKill} temp files left by kills, ${tempsAfterOpen} left after the next open ` +
        `(${((Date.now() - startedAt) / 1000).toFixed(0)} s, ${(waitingForChildrenMs / 1000).toFixed(0)} s of it waiting for writer processes to start)`,
      test: TEST,
    });
    expect(unreadable).toBe(0);
    expect(lost).toBe(0);
    expect(acknowledged).toBeGreaterThan(KILL_TRIALS / 4);
    expect(tempsAfterOpen).toBe(0);
  }, 900_000);
});

describe('results store with several writers (S2, S3)', () => {
  it('four processes writing one store at once: serialised, none lost', async () => {
    const dir = freshDir();
    const perProcess = 25;
    const runWriter = (prefix: string): Promise<number> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', STORE_WRITER, dir, prefix, String(perProcess)], { stdio: 'inherit' });
        child.on('exit', (code) => resolve(code ?? -1));
      });
    const codes = await Promise.all(['w1', 'w2', 'w3', 'w4'].map(runWriter));
    const ids = (await (await openStore(dir)).allRuns()).map((r) => r.id);
    const lost = 4 * perProcess - ids.length;
    recordFault({
      id: 'S2',
      part: 'store',
      case: 'several processes write one store at once',
      trials: 4 * perProcess,
      survived: ids.length,
      lost,
      figure: `4 processes × ${perProcess} runs at once: exits ${codes.join(',')}, ${ids.length} runs stored, ${lost} lost, ${tempFiles(dir).length} temp files left`,
      test: TEST,
    });
    expect(codes).toEqual([0, 0, 0, 0]);
    expect(lost).toBe(0);
  }, 180_000);

  it('two store objects in one process on the same file: none lost', async () => {
    const dir = freshDir();
    const a = new LowdbStore(dir);
    const b = new LowdbStore(dir);
    await a.init();
    await b.init();
    const n = 20;
    await Promise.all(Array.from({ length: n }, (_, i) => [a.saveRun(makeRun({ id: `a-${i}` })), b.saveRun(makeRun({ id: `b-${i}` }))]).flat());
    const ids = (await a.allRuns()).map((r) => r.id);
    recordFault({
      id: 'S3',
      part: 'store',
      case: 'two writers in one process on one file',
      trials: 2 * n,
      survived: ids.length,
      lost: 2 * n - ids.length,
      figure: `${2 * n} concurrent saves through two store objects: ${ids.length} stored, ${2 * n - ids.length} lost`,
      test: TEST,
    });
    expect(ids).toHaveLength(2 * n);
  }, 120_000);
});

/** store files a crash, a disk or a person can leave behind */
const CORRUPT: Array<[string, Buffer]> = [
  ['empty', Buffer.alloc(0)],
  ['truncated', Buffer.from('{"schemaVersion":1,"runs":[{"id":"a","kind":"ru')],
  ['NUL-filled (lowdb#139)', Buffer.alloc(4096, 0)],
  ['null', Buffer.from('null')],
  ['top level an array', Buffer.from('[]')],
  ['invalid UTF-8', Buffer.concat([Buffer.from('{"schemaVersion":1,"runs":[],"note":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')])],
  ['byte-order mark', Buffer.from('\uFEFF{"schemaVersion":1,"runs":[]}')],
  ['an unknown schema version (0; a newer one is refused without a copy: unreadable-store.faults.test.ts)', Buffer.from('{"schemaVersion":0,"runs":[]}')],
  ['runs not an array', Buffer.from('{"schemaVersion":1,"runs":{}}')],
  ['runs holding garbage', Buffer.from('{"schemaVersion":1,"runs":[null,42,"x"]}')],
  ['a run without an id', Buffer.from('{"schemaVersion":1,"runs":[{"kind":"run"}]}')],
];

describe('corrupt store files (S4)', () => {
  it('each is refused loudly, kept byte for byte with a quarantined copy, and never reset', async () => {
    let survived = 0;
    const failures: string[] = [];
    for (const [name, bytes] of CORRUPT) {
      const dir = freshDir();
      const file = path.join(dir, STORE_FILE);
      writeFileSync(file, bytes);
      const attempts = [
        () => openStore(dir),
        async () => {
          // a writer that skipped opening still must not replace the file with defaults
          const store = new LowdbStore(dir);
          await store.saveRun(makeRun({ id: 'after-corruption' }));
        },
        async () => (await new LowdbStore(dir).listRuns()).length,
      ];
      let refused = 0;
      let messages = '';
      for (const attempt of attempts) {
        try {
          await attempt();
        } catch (error) {
          if (isExpectedError(error) && error.code === 'STORE_CORRUPT') refused += 1;
          messages += `${(error as Error).message}; `;
        }
      }
      const kept = readFileSync(file).equals(bytes);
      const copies = readdirSync(dir).filter((f) => f.startsWith(`${STORE_FILE}.corrupt-`));
      const copyKept = copies.some((c) => readFileSync(path.join(dir, c)).equals(bytes));
      if (refused === attempts.length && kept && copyKept) survived += 1;
      else failures.push(`${name}: refused ${refused}/${attempts.length}, kept ${kept}, copy ${copyKept} (${messages.slice(0, 300)})`);
    }
    recordFault({
      id: 'S4',
      part: 'store',
      case: 'corrupt, empty, NUL-filled, null store file',
      trials: CORRUPT.length,
      survived,
      lost: CORRUPT.length - survived,
      figure: `${CORRUPT.length} kinds of corrupt file × open, save, list: ${survived} refused with STORE_CORRUPT, kept and quarantined, 0 reset${failures.length ? `; FAILED ${failures.join(' | ')}` : ''}`,
      test: TEST,
    });
    expect(failures).toEqual([]);
  });

  it('stale temp files of a crashed writer are ignored, and removed at the next open', async () => {
    const dir = freshDir();
    const store = await openStore(dir);
    await store.saveRun(makeRun({ id: 'kept' }));
    // above Linux's largest pid_max (2^22): certainly not a running process
    const deadPid = 2 ** 22 + 7;
    const stale = [`.${STORE_FILE}.${deadPid}.0a1b2c3d.tmp`, `.${STORE_FILE}.tmp`];
    writeFileSync(path.join(dir, stale[0]!), '{"schemaVersion":1,"runs":[{"id":"half');
    writeFileSync(path.join(dir, stale[1]!), "garbage of lowdb's own fixed-name writer");
    // a live writer's temp file (ours) must not be touched
    const live = `.${STORE_FILE}.${process.pid}.ffffffff.tmp`;
    writeFileSync(path.join(dir, live), 'being written');
    const reopened = await openStore(dir);
    const ids = (await reopened.allRuns()).map((r) => r.id);
    await reopened.saveRun(makeRun({ id: 'after' }));
    const left = tempFiles(dir);
    const removed = stale.filter((f) => !left.includes(f)).length;
    const ok = ids.includes('kept') && removed === stale.length && left.includes(live);
    recordFault({
      id: 'S1b',
      part: 'store',
      case: 'stale .tmp files left by a crash',
      trials: 1,
      survived: ok ? 1 : 0,
      lost: ids.includes('kept') ? 0 : 1,
      figure: `${stale.length} stale temp files: store readable (${ids.length} run), ${removed} removed at open, a live writer's temp file kept: ${left.includes(live)}`,
      test: TEST,
    });
    rmSync(path.join(dir, live));
    expect(ids).toContain('kept');
    expect(left).toEqual([live]);
  });
});

const skipMounts = shouldSkip(TEST, 'disk full and read-only filesystem (tmpfs mounts)', isRoot() ? null : 'needs root (mounts a small tmpfs)');

describe.skipIf(skipMounts)('a full disk and a read-only filesystem (S5, S6)', () => {
  const mounts: string[] = [];
  afterAll(() => {
    for (const m of mounts) {
      try {
        execFileSync('umount', [m]);
      } catch {
        /* already gone */
      }
    }
  });
  const tmpfs = (size: string): string => {
    const dir = freshDir();
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
    mounts.push(dir);
    return dir;
  };

  it('disk full: the write fails with a clear error, the previous file stays intact, no temp file is left', async () => {
    const dir = tmpfs('256k');
    const store = await openStore(dir);
    await store.saveRun(makeRun({ id: 'before' }));
    const before = readFileSync(path.join(dir, STORE_FILE));
    const big = makeRun({ id: 'huge', trials: Array.from({ length: 400 }, (_, i) => ({ ...makeRun().trials[0]!, id: `t${i}` })) });
    let error: unknown = null;
    try {
      // fill the disk first so even the temp file cannot be written whole
      writeFileSync(path.join(dir, 'filler'), Buffer.alloc(Math.max(0, 256 * 1024 - before.length * 2 - 8192)));
      await store.saveRun(big);
    } catch (e) {
      error = e;
    }
    const after = readFileSync(path.join(dir, STORE_FILE));
    const ids = (await openStore(dir).then((s) => s.allRuns())).map((r) => r.id);
    const clear = isExpectedError(error) && /no space left|ENOSPC/i.test(error.message);
    recordFault({
      id: 'S5',
      part: 'store',
      case: 'disk full during a results write',
      trials: 1,
      survived: clear && after.equals(before) ? 1 : 0,
      lost: ids.includes('before') ? 0 : 1,
      figure: `write refused: ${(error as Error | null)?.message ?? 'no error'}; previous file intact: ${after.equals(before)}; temp files left: ${tempFiles(dir).length}`,
      test: TEST,
    });
    expect(clear).toBe(true);
    expect(after.equals(before)).toBe(true);
    expect(tempFiles(dir)).toEqual([]);
  });

  it('read-only filesystem: a clear error, the file intact', async () => {
    const dir = tmpfs('1m');
    const store = await openStore(dir);
    await store.saveRun(makeRun({ id: 'before' }));
    const before = readFileSync(path.join(dir, STORE_FILE));
    execFileSync('mount', ['-o', 'remount,ro', dir]);
    let error: unknown = null;
    try {
      await store.saveRun(makeRun({ id: 'refused' }));
    } catch (e) {
      error = e;
    }
    const readable = (await (await openStore(dir)).allRuns()).map((r) => r.id);
    const message = (error as Error | null)?.message ?? 'no error';
    const clear = isExpectedError(error) && /read-only|EROFS|EACCES|EPERM/i.test(`${message} ${(error as { details?: string[] }).details?.join(' ') ?? ''}`);
    recordFault({
      id: 'S6',
      part: 'store',
      case: 'unwritable store directory',
      trials: 1,
      survived: clear && readFileSync(path.join(dir, STORE_FILE)).equals(before) ? 1 : 0,
      lost: readable.includes('before') ? 0 : 1,
      figure: `write refused: ${message}; still readable: ${readable.join(',')}`,
      test: TEST,
    });
    expect(clear).toBe(true);
    expect(readable).toEqual(['before']);
  });
});
