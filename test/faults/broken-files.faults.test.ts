/**
 * Fault catalogue, a careless user's files and paths: a huge YAML file, a device, a FIFO, a folder where a
 * file belongs, a UTF-16 file. Each through the real CLI: a clear message naming the file and what was
 * expected, exit 2, no stack trace, at once (no input may exhaust memory or hang a command).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectFileKind, validateByKind } from '../../harness/scenario/file-kinds.ts';
import { makeRun } from '../helpers/run-factory.ts';
import { recordFault } from './helpers/fault-record.ts';
import { hostileSandbox, nothingOutsideChanged } from './helpers/hostile-sandbox.ts';

const TEST = 'test/faults/broken-files.faults.test.ts';
const sandbox = hostileSandbox('mb-faults-files-');
const before = sandbox.snapshot();
afterAll(() => sandbox.remove());

const BIN = path.resolve('bin/meetbench.js');
const VALID = 'name: x\nplatforms:\n  - { id: j, adapter: janus-videoroom, url: "http://127.0.0.1:1" }\nparticipants: { count: 2 }\n';

interface Timed {
  code: number | null;
  stderr: string;
  ms: number;
  /** peak resident memory of the process, from /usr/bin/time */
  maxRssMb: number;
  killed: boolean;
}

/** the real CLI under /usr/bin/time, its process group killed after `limitMs` so a hang is a result, not a stuck test */
function timedCli(args: string[], limitMs = 20_000, dataDir?: string): Promise<Timed> {
  return new Promise((resolve) => {
    const started = performance.now();
    // detached: its own process group, so the kill reaches the CLI under /usr/bin/time too
    const child = spawn('/usr/bin/time', ['-f', 'MAXRSS_KB=%M', process.execPath, BIN, ...(dataDir ? ['--data-dir', dataDir] : []), ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      killed = true;
      process.kill(-child.pid!, 'SIGKILL');
    }, limitMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const rss = Number(/MAXRSS_KB=(\d+)/.exec(stderr)?.[1] ?? 0);
      resolve({ code, stderr: stderr.replace(/MAXRSS_KB=\d+\n?/, ''), ms: performance.now() - started, maxRssMb: rss / 1024, killed });
    });
  });
}

const noStack = (text: string): boolean => !/\n\s+at |internal error/.test(text);

describe('input files that are too big or not files', () => {
  it('validate of a 7 MB YAML file answers at once, in bounded memory', async () => {
    const dir = sandbox.dataDir();
    const small = path.join(dir, 'small.yaml');
    writeFileSync(small, VALID);
    const big = path.join(dir, 'seven-megabytes.yaml');
    // a valid start, then 7 MB of list items: the kind of file a script appending results would leave
    writeFileSync(big, `${VALID}notes:\n${'  - an item of a very long list\n'.repeat((7 * 1024 * 1024) / 32)}`);
    // in this process: what validate does with the file, without the CLI's start-up
    const rssBefore = process.memoryUsage().rss;
    const startedAt = performance.now();
    const refusal = await (async () => validateByKind(detectFileKind(big), big))().then(
      () => 'accepted',
      (error: Error) => error.message,
    );
    const inProcessMs = performance.now() - startedAt;
    const inProcessMb = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
    // and the real CLI, against the same CLI on a 4-line file (start-up varies by a second on a loaded machine)
    const baseline = await timedCli(['validate', small]);
    const result = await timedCli(['validate', big]);
    const extraMs = result.ms - baseline.ms;
    const extraMb = result.maxRssMb - baseline.maxRssMb;
    const ok =
      result.code === 2 &&
      !result.killed &&
      result.stderr.includes(big) &&
      /bytes; expected at most/.test(result.stderr) &&
      noStack(result.stderr) &&
      inProcessMs < 1000 &&
      inProcessMb < 100 &&
      extraMb < 100;
    recordFault({
      id: 'H4',
      part: 'input',
      case: '`meetbench validate` of a 7 MB YAML file',
      trials: 1,
      survived: ok ? 1 : 0,
      lost: ok ? 0 : 1,
      figure: `refused in ${inProcessMs.toFixed(1)} ms and ${inProcessMb.toFixed(1)} MB more memory ("${refusal.slice(-60)}"); the CLI: exit ${result.code} in ${(result.ms / 1000).toFixed(2)} s, peak ${result.maxRssMb.toFixed(0)} MB, against ${(baseline.ms / 1000).toFixed(2)} s and ${baseline.maxRssMb.toFixed(0)} MB for a 4-line file (${extraMs.toFixed(0)} ms, ${extraMb.toFixed(0)} MB more)`,
      test: TEST,
    });
    expect(result.code).toBe(2);
    expect(inProcessMs).toBeLessThan(1000);
    expect(inProcessMb).toBeLessThan(100);
    expect(extraMb).toBeLessThan(100);
    // generous: the CLI's own start-up swings by a second when other work shares the 2 cores
    expect(extraMs).toBeLessThan(3000);
  }, 120_000);

  it('/dev/zero, a FIFO, a folder, a link to a device and a UTF-16 file are refused at once with exit 2', async () => {
    const dir = sandbox.dataDir();
    const fifo = path.join(dir, 'scenario.fifo.yaml');
    spawnSync('mkfifo', [fifo]);
    const folder = path.join(dir, 'a-folder.yaml');
    mkdirSync(folder);
    const zeroLink = path.join(dir, 'criteria-link.yaml');
    symlinkSync('/dev/zero', zeroLink);
    const utf16 = path.join(dir, 'utf16.yaml');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(VALID, 'utf16le')]));
    const suite = path.join(dir, 'suite.yaml');
    writeFileSync(suite, `name: s\nscenarios: [${path.basename(fifo)}]\n`);
    const cases: Array<{ name: string; args: string[]; expect: RegExp }> = [
      { name: 'validate /dev/zero', args: ['validate', '/dev/zero'], expect: /character device; expected a regular file/ },
      { name: 'validate a FIFO', args: ['validate', fifo], expect: /FIFO \(named pipe\); expected a regular file/ },
      { name: 'score --criteria FIFO', args: ['score', 'latest', '--criteria', fifo], expect: /FIFO \(named pipe\); expected a regular file/ },
      { name: 'validate a folder', args: ['validate', folder], expect: /directory; expected a regular file/ },
      { name: 'validate a link to /dev/zero', args: ['validate', zeroLink], expect: /character device; expected a regular file/ },
      { name: 'validate a UTF-16 file', args: ['validate', utf16], expect: /not UTF-8/ },
      { name: 'validate a suite naming a FIFO', args: ['validate', suite], expect: /FIFO \(named pipe\); expected a regular file/ },
      {
        name: 'serve --password-file /dev/zero',
        args: ['serve', '--port', '0', '--password-file', '/dev/zero'],
        expect: /character device; expected a regular file/,
      },
    ];
    const failures: string[] = [];
    let slowest = 0;
    for (const c of cases) {
      const result = await timedCli(c.args, 15_000, sandbox.dataDir());
      slowest = Math.max(slowest, result.ms);
      if (result.killed || result.code !== 2 || !c.expect.test(result.stderr) || !noStack(result.stderr)) {
        failures.push(
          `${c.name}: ${result.killed ? 'HUNG (killed after 15 s)' : `exit ${result.code}`}, peak ${result.maxRssMb.toFixed(0)} MB, ${result.stderr.slice(0, 200)}`,
        );
      }
    }
    recordFault({
      id: 'H4b',
      part: 'input',
      case: '/dev/zero, FIFO, folder, link to a device, UTF-16 file as input (validate, score --criteria, a suite, --password-file)',
      trials: cases.length,
      survived: cases.length - failures.length,
      lost: failures.length,
      figure: `${cases.length} paths: ${cases.length - failures.length} refused with exit 2 naming what the file is and that a regular UTF-8 file was expected; slowest ${(slowest / 1000).toFixed(2)} s (CLI start-up included)${failures.length ? `; FAILED ${failures.join(' | ')}` : ''}`,
      test: TEST,
    });
    expect(failures).toEqual([]);
  }, 240_000);
});

interface PathCase {
  name: string;
  dataDir: string;
  args: string[];
  code: number;
  expect: RegExp;
}

/** runs each case through the real CLI; the failures, one line each */
async function refusedClearly(cases: PathCase[]): Promise<string[]> {
  const failures: string[] = [];
  for (const c of cases) {
    const result = await timedCli(c.args, 15_000, c.dataDir);
    if (result.killed || result.code !== c.code || !c.expect.test(result.stderr) || !noStack(result.stderr)) {
      failures.push(
        `${c.name}: ${result.killed ? 'HUNG (killed after 15 s)' : `exit ${result.code}`}, peak ${result.maxRssMb.toFixed(0)} MB: ${result.stderr.slice(0, 240).replace(/\n/g, ' ⏎ ')}`,
      );
    }
  }
  return failures;
}

/** a data directory holding one good run */
function seeded(): string {
  const dataDir = sandbox.dataDir();
  writeFileSync(path.join(dataDir, 'meetbench.json'), JSON.stringify({ schemaVersion: 1, runs: [makeRun({ id: 'kept' })] }));
  return dataDir;
}

describe('a data directory and an output path that are not what they should be', () => {
  it('store path a folder, data dir a file, store a FIFO or a link to /dev/zero: at once, a clear message, exit 3 (2 for a data dir that is a file)', async () => {
    const storeIsFolder = sandbox.dataDir();
    mkdirSync(path.join(storeIsFolder, 'meetbench.json'));
    const dataDirIsFile = path.join(sandbox.dataDir(), 'not-a-folder');
    writeFileSync(dataDirIsFile, 'just a file\n');
    const storeIsFifo = sandbox.dataDir();
    spawnSync('mkfifo', [path.join(storeIsFifo, 'meetbench.json')]);
    const storeIsZero = sandbox.dataDir();
    symlinkSync('/dev/zero', path.join(storeIsZero, 'meetbench.json'));
    const cases: PathCase[] = [
      {
        name: 'store path is a folder (EISDIR)',
        dataDir: storeIsFolder,
        args: ['report', 'latest', '--format', 'json'],
        code: 3,
        expect: /results store .*meetbench\.json is a directory; expected a regular file/,
      },
      {
        name: 'data dir is a file',
        dataDir: dataDirIsFile,
        args: ['report', 'latest', '--format', 'json'],
        code: 2,
        expect: /data directory .*not-a-folder is not a folder/,
      },
      {
        name: 'store is a FIFO',
        dataDir: storeIsFifo,
        args: ['report', 'latest', '--format', 'json'],
        code: 3,
        expect: /is a FIFO \(named pipe\); expected a regular file/,
      },
      {
        name: 'store is a link to /dev/zero',
        dataDir: storeIsZero,
        args: ['prune', '--keep-days', '1'],
        code: 3,
        expect: /is a character device; expected a regular file/,
      },
    ];
    const failures = await refusedClearly(cases);
    recordFault({
      id: 'H6',
      part: 'store',
      case: 'store path a folder (EISDIR), data dir a file, store a FIFO or a link to /dev/zero',
      trials: cases.length,
      survived: cases.length - failures.length,
      lost: failures.length,
      figure: `${cases.length} cases: ${cases.length - failures.length} answered at once naming the path, what it is and what was expected, exit 3 (2 for the data dir given as a file), no stack trace${failures.length ? `; FAILED ${failures.join(' | ')}` : ''}`,
      test: TEST,
    });
    expect(failures).toEqual([]);
  }, 240_000);

  it('report -o into a missing folder, onto a folder or onto the results store: exit 2, nothing written', async () => {
    const good = seeded();
    const storeBytes = readFileSync(path.join(good, 'meetbench.json'));
    const cases: PathCase[] = [
      {
        name: 'report -o into a missing folder',
        dataDir: good,
        args: ['report', 'latest', '--format', 'md', '-o', path.join(good, 'no', 'such', 'folder', 'r.md')],
        code: 2,
        expect: /-o .*r\.md: the folder .*folder does not exist/,
      },
      {
        name: 'report -o onto a folder',
        dataDir: good,
        args: ['report', 'latest', '--format', 'md', '-o', sandbox.root],
        code: 2,
        expect: /-o .*: is a directory; expected a file name/,
      },
      {
        name: 'report -o onto the results store itself',
        dataDir: good,
        args: ['report', 'latest', '--format', 'md', '-o', path.join(good, 'meetbench.json')],
        code: 2,
        expect: /-o .*meetbench\.json: is the results store/,
      },
    ];
    const failures = await refusedClearly(cases);
    const storeKept = readFileSync(path.join(good, 'meetbench.json')).equals(storeBytes);
    recordFault({
      id: 'H6b',
      part: 'input',
      case: 'report -o into a missing folder, onto a folder, onto the results store',
      trials: cases.length,
      survived: cases.length - failures.length,
      lost: failures.length + (storeKept ? 0 : 1),
      figure: `${cases.length} output paths: ${cases.length - failures.length} refused with exit 2 saying what is wrong with the path, no stack trace; the store named by -o left byte for byte: ${storeKept}${failures.length ? `; FAILED ${failures.join(' | ')}` : ''}`,
      test: TEST,
    });
    expect(failures).toEqual([]);
    expect(storeKept).toBe(true);
  }, 240_000);
});

nothingOutsideChanged(sandbox, before, { part: 'input', test: TEST, cases: 'broken-file cases' });
