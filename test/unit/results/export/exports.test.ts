import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parseCriteriaText } from '../../../../results/criteria/load-criteria.ts';
import { CSV_COLUMNS, toCsv } from '../../../../results/export/to-csv.ts';
import { toJunit } from '../../../../results/export/to-junit.ts';
import { toMarkdown } from '../../../../results/export/to-markdown.ts';
import { scoreRun } from '../../../../results/scorecard/score-run.ts';
import { failedParticipant, participant, run, trial } from '../scorecard/run-factory.ts';

const criteria = parseCriteriaText(`
version: 1
platforms: { galene: { name: Galène }, janus: { name: "Janus <SFU> & co" } }
measured:
  - { id: join-time, metric: join_time_ms, threshold: "p(95) < 5000", title: { fr: "Connexion < 5 s", en: "Join < 5 s" } }
  - { id: uplink, metric: uplink_kbps, threshold: "avg < 1500", title: { fr: Débit montant, en: Uplink } }
  - { id: loss, metric: packet_loss_pct, threshold: "max < 2", level: warn, title: { fr: Pertes, en: "Loss | pipes" } }
  - { id: fps, metric: fps_received, threshold: "avg > 20", noData: skip, title: { fr: Images, en: Frames } }
declared:
  - { id: licence, title: { fr: Licence libre, en: Open source }, values: { galene: { value: true, source: "=HYPERLINK(\\"x\\")" } } }
`);

function scored() {
  const record = run([
    trial({ platform: 'galene', repeat: 1, participants: [participant('p1', { joinTimeMs: 1234.5, metrics: { packet_loss_pct: 3.25 } })] }),
    trial({ platform: 'galene', repeat: 2, participants: [participant('p1', { joinTimeMs: 1500, metrics: { packet_loss_pct: 2.5 } })] }),
    trial({ platform: 'janus', participants: [failedParticipant('p1'), participant('p2', { uplinkKbps: { avg: 1830.25, p95: 2000 } })] }),
    trial({ platform: 'broken-one', verdict: 'broken', reason: 'browser crashed', participants: [] }),
  ]);
  return scoreRun(record, criteria);
}

describe('CSV export', () => {
  it('French dialect: BOM, semicolons, decimal comma, one row per platform × criterion, parses back', () => {
    const { run: judged, scorecards } = scored();
    const csv = toCsv(judged.id, scorecards, 'fr');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = parse(csv, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(3 * 5);
    const galeneJoin = rows.find((r) => r.platform === 'galene' && r.criterion === 'join-time')!;
    expect(galeneJoin).toMatchObject({ platform_name: 'Galène', outcome: 'pass', met: 'yes', repeat_values: '1234,5 | 1500', across_repeats: 'median' });
    expect(galeneJoin.value).toBe('1367,25');
    const janusUplink = rows.find((r) => r.platform === 'janus' && r.criterion === 'uplink')!;
    expect(janusUplink).toMatchObject({ value: '1830,25', outcome: 'fail', met: 'no', title_fr: 'Débit montant' });
    // a formula in user text is neutralised
    expect(rows.find((r) => r.criterion === 'licence' && r.platform === 'galene')!.source).toBe(`'=HYPERLINK("x")`);
    // no NaN anywhere, and empty cells for no value
    expect(csv).not.toMatch(/NaN|Infinity|undefined|null/);
    expect(rows.find((r) => r.platform === 'broken-one' && r.criterion === 'join-time')!.value).toBe('');
  });

  it('English dialect: commas and decimal points, no BOM, parses back to the same numbers', () => {
    const { run: judged, scorecards } = scored();
    const csv = toCsv(judged.id, scorecards, 'en');
    expect(csv.startsWith('run_id,')).toBe(true);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(Number(rows.find((r) => r.platform === 'janus' && r.criterion === 'uplink')!.value)).toBe(1830.25);
    expect(rows.find((r) => r.criterion === 'loss' && r.platform === 'janus')!.title_en).toBe('Loss | pipes');
  });
});

describe('JUnit export', () => {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => ['testsuite', 'testcase', 'property', 'failure', 'error', 'skipped', 'system-out'].includes(name),
  });

  it('is well-formed XML with the structure of the Jenkins JUnit schema', () => {
    const { run: judged, scorecards } = scored();
    const xml = toJunit(judged, scorecards);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = parser.parse(xml) as { testsuites: { tests: string; failures: string; errors: string; skipped: string; testsuite: Record<string, unknown>[] } };
    const suites = doc.testsuites.testsuite;
    expect(suites.map((s) => s.name)).toEqual(['Galène', 'Janus <SFU> & co', 'broken-one']);
    let tests = 0;
    let failures = 0;
    for (const suite of suites) {
      // required attributes and their types (junit-10.xsd)
      for (const name of ['name', 'tests', 'failures', 'errors', 'skipped', 'time', 'timestamp', 'hostname', 'id', 'package'])
        expect(suite).toHaveProperty(name);
      expect(suite.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
      const cases = suite.testcase as Record<string, unknown>[];
      expect(Number(suite.tests)).toBe(cases.length);
      expect(Number(suite.failures)).toBe(cases.filter((c) => c.failure).length);
      expect(Number(suite.errors)).toBe(cases.filter((c) => c.error).length);
      expect(Number(suite.skipped)).toBe(cases.filter((c) => c.skipped).length);
      for (const c of cases) {
        expect(typeof c.name).toBe('string');
        expect(typeof c.classname).toBe('string');
        expect(Number.isFinite(Number(c.time))).toBe(true);
      }
      tests += cases.length;
      failures += Number(suite.failures);
    }
    expect(Number(doc.testsuites.tests)).toBe(tests);
    expect(Number(doc.testsuites.failures)).toBe(failures);
  });

  it('child order inside testsuite and testcase follows the schema sequence', () => {
    const { run: judged, scorecards } = scored();
    const ordered = new XMLParser({ preserveOrder: true, ignoreAttributes: true }).parse(toJunit(judged, scorecards)) as Record<string, unknown>[];
    const rank = (list: string[], order: string[]): boolean => list.every((n, i) => i === 0 || order.indexOf(n) >= order.indexOf(list[i - 1]!));
    const suites = ((ordered.find((n) => 'testsuites' in n) as Record<string, Record<string, unknown>[]>).testsuites ?? []).filter((n) => 'testsuite' in n);
    for (const suite of suites) {
      const children = (suite.testsuite as Record<string, unknown>[]).map((n) => Object.keys(n)[0]!);
      expect(rank(children, ['properties', 'testcase', 'system-out', 'system-err'])).toBe(true);
      for (const c of (suite.testsuite as Record<string, unknown>[]).filter((n) => 'testcase' in n)) {
        const inner = (c.testcase as Record<string, unknown>[]).map((n) => Object.keys(n)[0]!);
        expect(rank(inner, ['skipped', 'error', 'failure', 'system-out', 'system-err'])).toBe(true);
      }
    }
  });

  it('failures for error-level fail and no-data, errors for a broken platform, skipped for noData: skip, warn misses pass', () => {
    const { run: judged, scorecards } = scored();
    const doc = parser.parse(toJunit(judged, scorecards)) as { testsuites: { testsuite: { name: string; testcase: Record<string, unknown>[] }[] } };
    const find = (suite: string, prefix: string) =>
      doc.testsuites.testsuite.find((s) => s.name === suite)!.testcase.find((c) => String(c.name).startsWith(prefix))!;
    expect(find('Janus <SFU> & co', 'uplink').failure).toBeDefined();
    expect(find('Janus <SFU> & co', 'licence').failure).toBeDefined(); // not declared: no-data fails
    expect(find('Galène', 'fps').skipped).toBeDefined();
    expect(find('Galène', 'loss').failure).toBeUndefined(); // warn: the CI must agree with the exit code
    expect(String((find('Galène', 'loss')['system-out'] as string[])[0])).toMatch(/^warning/);
    expect(find('broken-one', 'join-time').error).toBeDefined();
  });
});

describe('Markdown export', () => {
  it('has the verdict, a line per platform and escaped table cells', () => {
    const { run: judged, scorecards } = scored();
    const md = toMarkdown(judged, scorecards, 'en');
    expect(md).toMatch(/^# meetbench run-1: BROKEN/);
    expect(md).toContain('- **Galène** — PASSED');
    expect(md).toContain('Loss \\| pipes');
    expect(md).toContain('Janus \\<SFU\\> \\& co');
    expect(md).not.toMatch(/NaN|undefined/);
    expect(toMarkdown(judged, scorecards, 'fr')).toContain('Débit montant');
  });
});
