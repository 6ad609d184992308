/**
 * Fault catalogue, an attacker with write access to the data directory (the store file, its folders):
 * hostile run ids, links where folders should be, files that are not files. Each case runs the real
 * store or the real CLI on a data directory inside a sandbox; the last test proves that nothing beside
 * the data directories changed.
 */
import { lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STORE_FILE } from '../../results/store/lowdb-store.ts';
import { openStore } from '../../results/store/open-store.ts';
import { createApp } from '../../server/create-app.ts';
import { startServer } from '../../server/start-server.ts';
import type { RunRecord } from '../../results/run-record.ts';
import { runCli } from '../helpers/run-cli.ts';
import { makeParticipant, makeRun, makeTrial } from '../helpers/run-factory.ts';
import { recordFault } from './helpers/fault-record.ts';
import { hostileSandbox, nothingOutsideChanged, snapshotChanges } from './helpers/hostile-sandbox.ts';

const TEST = 'test/faults/data-dir-attacker.faults.test.ts';
const sandbox = hostileSandbox('mb-faults-attacker-');
const before = sandbox.snapshot();
afterAll(() => sandbox.remove());

const CRITERIA = path.resolve('scenarios/criteria.yaml');
const daysAgo = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString();
const noStack = (text: string): boolean => !/\n\s+at |internal error/.test(text);

/** a store document written as an attacker would: no store code in the way */
function writeStore(dataDir: string, runs: unknown[]): void {
  writeFileSync(path.join(dataDir, STORE_FILE), JSON.stringify({ schemaVersion: 1, runs }, null, 1));
}

/** a run with samples and artifacts on disk, old enough to be pruned */
function oldRunWithDetails(dataDir: string, id: string): RunRecord {
  mkdirSync(path.join(dataDir, 'samples', 'x'), { recursive: true });
  mkdirSync(path.join(dataDir, 'artifacts', 'x'), { recursive: true });
  return makeRun({
    id,
    startedAt: daysAgo(400),
    trials: [makeTrial({ samplesFile: `samples/${id}/t1.ndjson`, participants: [makeParticipant({ artifacts: ['p1.png'] })] })],
  });
}

describe('hostile run ids and folders', () => {
  it('prune never deletes outside the data dir, whatever the stored run ids', async () => {
    const cases: Array<{ name: string; id: string; args: string[] }> = [
      { name: 'details of run ../../victim', id: '../../victim', args: ['--keep-days', '1'] },
      { name: 'whole run ../../victim', id: '../../victim', args: ['--keep-days', '1', '--keep-summaries-days', '2'] },
      { name: 'absolute id /…/victim', id: sandbox.guarded[1]!, args: ['--keep-days', '1', '--keep-summaries-days', '2'] },
      { name: 'id .. (the data dir’s parent)', id: '..', args: ['--keep-days', '1'] },
    ];
    const failures: string[] = [];
    for (const c of cases) {
      const dataDir = sandbox.dataDir();
      writeStore(dataDir, [oldRunWithDetails(dataDir, c.id), oldRunWithDetails(dataDir, 'fine')]);
      const snap = sandbox.snapshot();
      const result = await runCli(['prune', ...c.args], { dataDir });
      const changed = snapshotChanges(snap, sandbox.snapshot());
      if (changed.length > 0 || !noStack(result.stderr) || result.code === null || result.code > 3) {
        failures.push(`${c.name}: exit ${result.code}, ${changed.length} outside changes (${changed.slice(0, 3).join('; ')}), ${result.stderr.slice(0, 200)}`);
      }
    }
    recordFault({
      id: 'H1',
      part: 'store',
      case: 'prune with hostile run ids (../../victim, absolute, ..)',
      trials: cases.length,
      survived: cases.length - failures.length,
      lost: failures.length,
      figure: `${cases.length} prunes over stores holding hostile ids: ${cases.length - failures.length} left everything outside the data dir untouched, without a stack trace${failures.length ? `; FAILED ${failures.join(' | ')}` : ''}`,
      test: TEST,
    });
    expect(failures).toEqual([]);
  }, 120_000);

  it('prune never deletes through a data folder replaced by a link to outside', async () => {
    const [outside, victim] = sandbox.guarded as [string, string];
    // the run id is harmless; the folder its details live in is a link (…/samples -> outside, so samples/nested is outside/nested)
    const cases: Array<{ name: string; link: string; to: string; args: string[] }> = [
      { name: 'samples -> outside', link: 'samples', to: outside, args: ['--keep-days', '1'] },
      { name: 'artifacts -> victim', link: 'artifacts', to: victim, args: ['--keep-days', '1'] },
      { name: 'reports -> outside, whole run deleted', link: 'reports', to: outside, args: ['--keep-days', '1', '--keep-summaries-days', '2'] },
    ];
    const failures: string[] = [];
    const messages: string[] = [];
    for (const c of cases) {
      const dataDir = sandbox.dataDir();
      writeStore(dataDir, [makeRun({ id: 'nested', startedAt: daysAgo(400), trials: [makeTrial({ samplesFile: 'samples/nested/t1.ndjson' })] })]);
      rmSync(path.join(dataDir, c.link), { recursive: true, force: true });
      symlinkSync(c.to, path.join(dataDir, c.link));
      const snap = sandbox.snapshot();
      const result = await runCli(['prune', ...c.args], { dataDir });
      const changed = snapshotChanges(snap, sandbox.snapshot());
      messages.push(result.stderr.trim().split('\n')[0] ?? '');
      if (changed.length > 0 || !noStack(result.stderr) || result.code !== 0)
        failures.push(`${c.name}: exit ${result.code}, outside changes: ${changed.slice(0, 3).join('; ')}; ${result.stderr.slice(0, 200)}`);
    }
    recordFault({
      id: 'H12',
      part: 'store',
      case: 'prune through samples/, artifacts/ or reports/ replaced by a link to outside',
      trials: cases.length,
      survived: cases.length - failures.length,
      lost: failures.length,
      figure: `${cases.length} data folders replaced by links: ${cases.length - failures.length} prunes removed nothing outside and said why (${messages[0]})${failures.length ? `; FAILED ${failures.join(' | ')}` : ''}`,
      test: TEST,
    });
    expect(failures).toEqual([]);
  }, 120_000);
});

describe('malformed runs among good ones', () => {
  /** each breaks one reader or another when read as a run record */
  const MALFORMED: Array<[string, (run: RunRecord) => unknown]> = [
    ['a trial whose criteria is a number', (r) => ({ ...r, trials: [{ ...r.trials[0], criteria: 42 }] })],
    ['a trial whose participants is a string', (r) => ({ ...r, trials: [{ ...r.trials[0], participants: 'p1,p2' }] })],
    ['a participant without phases', (r) => ({ ...r, trials: [{ ...r.trials[0], participants: [{ ...r.trials[0]!.participants[0], phases: null }] }] })],
    ['a run from a newer meetbench (schemaVersion 2)', (r) => ({ ...r, schemaVersion: 2 })],
    ['a trial id that is a path', (r) => ({ ...r, trials: [{ ...r.trials[0], id: '../../victim' }] })],
    [
      'artifact names that are paths and numbers',
      (r) => ({ ...r, trials: [{ ...r.trials[0], participants: [{ ...r.trials[0]!.participants[0], artifacts: ['../../../etc/passwd', 7] }] }] }),
    ],
    ['a verdict nobody knows', (r) => ({ ...r, verdict: 'splendid' })],
  ];

  it('one bad run never takes down the viewer, score, report or prune: it is skipped and named', async () => {
    const dataDir = sandbox.dataDir();
    const good = [makeRun({ id: 'good-old', startedAt: daysAgo(3) }), makeRun({ id: 'good', startedAt: daysAgo(2) })];
    // the malformed runs are the newest, so "latest" would be one of them
    const bad = MALFORMED.map(([, breakIt], i) => breakIt(makeRun({ id: `bad-${i}`, startedAt: daysAgo(1 - i / 100) })));
    writeStore(dataDir, [...good, ...bad]);
    const storeBefore = readFileSync(path.join(dataDir, STORE_FILE));
    const failures: string[] = [];

    const store = await openStore(dataDir);
    const server = await startServer(createApp({ store }), '127.0.0.1', 0);
    const pages = ['/', '/metrics', '/api/overview', '/runs', '/api/runs', '/runs/good', '/runs/latest', '/platforms/janus', '/compare', '/print'];
    try {
      for (const page of pages) {
        const res = await fetch(`${server.url}${page}`);
        const body = await res.text();
        if (res.status !== 200) failures.push(`viewer ${page}: ${res.status} ${body.slice(0, 100)}`);
      }
      const overview = (await (await fetch(`${server.url}/api/overview`)).json()) as { run: { id: string }; skippedRuns?: unknown[] };
      if (overview.run.id !== 'good') failures.push(`viewer latest is ${overview.run.id}`);
      if (overview.skippedRuns?.length !== bad.length) failures.push(`viewer names ${overview.skippedRuns?.length ?? 0} skipped runs of ${bad.length}`);
      const html = await (await fetch(`${server.url}/`)).text();
      if (!html.includes('bad-0')) failures.push('the overview does not name the skipped runs');
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      if (!metrics.includes(`meetbench_store_skipped_runs ${bad.length}`)) failures.push('/metrics does not count the skipped runs');
      const badRun = await fetch(`${server.url}/runs/bad-0`);
      if (badRun.status !== 404) failures.push(`/runs/bad-0: ${badRun.status}`);
    } finally {
      await server.close();
    }

    const commands: string[][] = [
      ['score', 'latest', '--criteria', CRITERIA],
      ['score', 'bad-0', '--criteria', CRITERIA],
      ['report', 'latest', '--format', 'md'],
      ['report', 'latest', '--format', 'csv'],
      ['prune', '--keep-days', '0'],
    ];
    const exits: string[] = [];
    for (const args of commands) {
      const result = await runCli(args, { dataDir });
      exits.push(`${args.slice(0, 2).join(' ')}: ${result.code}`);
      const expectedCode = args[1] === 'bad-0' ? 3 : args[0] === 'score' ? [0, 1] : [0];
      const codeOk = Array.isArray(expectedCode) ? expectedCode.includes(result.code ?? -1) : result.code === expectedCode;
      if (!codeOk || !noStack(result.stderr) || !/bad-0/.test(result.stderr))
        failures.push(`${args.join(' ')}: exit ${result.code}, ${result.stderr.slice(0, 300)}`);
    }
    const after = JSON.parse(readFileSync(path.join(dataDir, STORE_FILE), 'utf8')) as { runs: Array<{ id: string }> };
    const kept = bad.every((b) => after.runs.some((r) => r.id === (b as { id: string }).id));
    if (!kept) failures.push('a malformed run was dropped from the store');
    const trials = pages.length + 5 + commands.length;
    recordFault({
      id: 'H5',
      part: 'store',
      case: `one malformed run among good ones (${MALFORMED.map(([name]) => name).join('; ')})`,
      trials,
      survived: trials - failures.length,
      lost: kept ? failures.length : failures.length + bad.length,
      figure: `${bad.length} malformed runs beside 2 good ones: ${pages.length} viewer pages 200 with the bad runs named and counted, /runs/bad-0 404; ${exits.join(', ')}, each naming the skipped runs, no stack; every malformed run still in the store (${storeBefore.length} → ${readFileSync(path.join(dataDir, STORE_FILE)).length} bytes)${failures.length ? `; FAILED ${failures.join(' | ')}` : ''}`,
      test: TEST,
    });
    expect(failures).toEqual([]);
  }, 180_000);
});

describe('a store file that is a link', () => {
  it('a write goes through the link to the file it names; a link to nowhere is refused, nothing created', async () => {
    const failures: string[] = [];
    // an administrator keeps the store on another disk and links it into the data dir
    const elsewhere = sandbox.dataDir('store-on-another-disk');
    const target = path.join(elsewhere, 'results.json');
    writeFileSync(target, JSON.stringify({ schemaVersion: 1, runs: [makeRun({ id: 'already-there' })] }));
    const dataDir = sandbox.dataDir();
    symlinkSync(target, path.join(dataDir, STORE_FILE));
    const store = await openStore(dataDir);
    await store.saveRun(makeRun({ id: 'first-write' }));
    await store.saveRun(makeRun({ id: 'second-write' }));
    const stillLink = lstatSync(path.join(dataDir, STORE_FILE)).isSymbolicLink();
    const inTarget = (JSON.parse(readFileSync(target, 'utf8')) as { runs: Array<{ id: string }> }).runs.map((r) => r.id);
    if (!stillLink) failures.push('the link was replaced by a file');
    if (inTarget.join(',') !== 'already-there,first-write,second-write') failures.push(`the linked file holds ${inTarget.join(',')}`);
    const leftovers = readdirSync(elsewhere).filter((f) => f !== 'results.json');
    if (leftovers.length > 0) failures.push(`left beside the linked file: ${leftovers.join(', ')}`);

    // a dangling link: writing through it would create a file wherever it points
    const dangling = sandbox.dataDir();
    const nowhere = path.join(sandbox.root, 'nowhere', 'made-up.json');
    symlinkSync(nowhere, path.join(dangling, STORE_FILE));
    let refusal = '';
    try {
      await (await openStore(dangling)).saveRun(makeRun({ id: 'must-not-land' }));
    } catch (error) {
      refusal = (error as Error).message;
    }
    if (!/is a link to .*which does not exist/.test(refusal)) failures.push(`dangling link: ${refusal || 'written'}`);
    if (readdirSync(sandbox.root).includes('nowhere')) failures.push('a file was created where the dangling link points');
    recordFault({
      id: 'H9',
      part: 'store',
      case: 'store file that is a link (to another disk; to nowhere)',
      trials: 3,
      survived: 3 - failures.length,
      lost: failures.length,
      figure: `2 writes through a link: link kept ${stillLink}, the linked file holds ${inTarget.length} runs, nothing left beside it; a dangling link refused ("${refusal.slice(0, 140)}")${failures.length ? `; FAILED ${failures.join(' | ')}` : ''}`,
      test: TEST,
    });
    expect(failures).toEqual([]);
  });
});

describe('stored names in the reports sent by mail and chat', () => {
  it('report --format md lets no link, image or HTML from a stored name through', async () => {
    const hostile = [
      '[click to confirm your account](https://evil.example/login)',
      '![](https://tracker.example/pixel.png?who=dsi)',
      '<img src="https://tracker.example/p.png">',
      '<https://evil.example/autolink>',
      'see https://evil.example/bare and www.evil.example',
      '&#91;entity&#93;(https://evil.example/entity)',
      '[ref]\n\n[ref]: https://evil.example/reference',
    ];
    const dataDir = sandbox.dataDir();
    const trials = hostile.map((name, i) =>
      makeTrial({
        id: `t${i}`,
        platform: name,
        scenario: `scenario ${name}`,
        criteria: [{ id: 'join', metric: 'join_time_ms', threshold: 'p(95) < 5000', level: 'error', value: 1200, outcome: 'pass' }],
      }),
    );
    writeStore(dataDir, [makeRun({ id: 'mail', source: hostile[0], trials })]);
    const result = await runCli(['report', 'latest', '--format', 'md'], { dataDir });
    const md = result.stdout;
    // what a Markdown renderer would turn into a link, an image, HTML or an entity: none may stay unescaped
    const live: Array<[string, RegExp]> = [
      ['link or image ](', /(?<!\\)\]\(/],
      ['image ![', /(?<!\\)!(?<!\\!)\[/],
      ['HTML or autolink <', /(?<!\\)<(?!\/?(?:br)>)/],
      ['reference definition', /^\s*\[[^\]]*\]:/m],
      ['entity &#', /(?<!\\)&#/],
      ['bare address', /(?<!\\)(?:https?:\/\/|\bwww\.)/],
    ];
    const found = live.filter(([, pattern]) => pattern.test(md)).map(([name]) => name);
    const named = hostile.every((h) =>
      md.includes(
        h
          .split(/[\n(]/)[0]!
          .replace(/[\\`*_{}[\]<>#!|~&]/g, '\\$&')
          .replace(/:\/\//g, '\\://')
          .replace(/\bwww\./g, 'www\\.')
          .slice(0, 12),
      ),
    );
    recordFault({
      id: 'H10',
      part: 'store',
      case: 'stored platform names, scenarios and sources with link, image, HTML, entity and bare-address syntax in `report --format md`',
      trials: hostile.length,
      survived: found.length === 0 && result.code === 0 ? hostile.length : 0,
      lost: found.length,
      figure: `${hostile.length} hostile names in ${md.split('\n').length} lines of Markdown (exit ${result.code}): ${found.length === 0 ? 'every one shown as text, escaped' : `still live: ${found.join(', ')}`}; names still readable: ${named}`,
      test: TEST,
    });
    expect(result.code).toBe(0);
    expect(found).toEqual([]);
  });
});

describe('stored text printed on the administrator’s terminal', () => {
  it('terminal control sequences in stored names and files are shown, not executed', async () => {
    // what a hostile store can make a terminal do: retitle, clear the screen, overwrite a line, reverse text
    const nasty = '\u001b]0;owned\u0007\u001b[2J\u001b[31mjanus\rPASSED \u202eevil\u009b31m';
    const dataDir = sandbox.dataDir();
    writeStore(dataDir, [makeRun({ id: 'tty', trials: [makeTrial({ platform: nasty, scenario: nasty })] })]);
    const corrupt = sandbox.dataDir();
    writeFileSync(path.join(corrupt, STORE_FILE), `{"schemaVersion":1,"runs":[\u001b[2J\u001b]0;owned\u0007`);
    const runs = [
      await runCli(['score', 'latest', '--criteria', CRITERIA], { dataDir }),
      await runCli(['score', 'latest', '--criteria', CRITERIA, '--lang', 'fr'], { dataDir }),
      await runCli(['report', `\u001b[2Jmissing`, '--format', 'json'], { dataDir }),
      await runCli(['report', 'latest', '--format', 'json'], { dataDir: corrupt }),
    ];
    // eslint-disable-next-line no-control-regex -- finding them is the test
    const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
    const leaks = runs.filter((r) => controls.test(r.stdout + r.stderr)).length;
    const shown = runs.some((r) => (r.stdout + r.stderr).includes('\\x1b'));
    recordFault({
      id: 'H15',
      part: 'store',
      case: 'terminal control sequences (OSC title, clear screen, CR, bidi override, C1) in stored names, an id given and a corrupt store',
      trials: runs.length,
      survived: runs.length - leaks,
      lost: leaks,
      figure: `${runs.length} commands (score twice, report of a missing id, report over a corrupt store): ${leaks} printed a raw control character; shown as \\x1b and the like: ${shown}`,
      test: TEST,
    });
    expect(leaks).toBe(0);
    expect(shown).toBe(true);
  });
});

nothingOutsideChanged(sandbox, before, { part: 'store', test: TEST, cases: 'attacker cases' });
