/**
 * The JUnit export validated by libxml2 (compiled to WebAssembly, no native tool needed) against the
 * XSD of the structure CI servers read. The negative cases prove the validator does reject.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';
import { describe, expect, it } from 'vitest';
import { parseCriteriaText } from '../../../../results/criteria/load-criteria.ts';
import { toJunit } from '../../../../results/export/to-junit.ts';
import { scoreRun } from '../../../../results/scorecard/score-run.ts';
import { failedParticipant, participant, run, trial } from '../scorecard/run-factory.ts';

const schema = { fileName: 'junit-schema.xsd', contents: readFileSync(fileURLToPath(new URL('./junit-schema.xsd', import.meta.url)), 'utf8') };

async function validate(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const result = await validateXML({ xml: [{ fileName: 'report.xml', contents: xml }], schema: [schema] });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}

function report(): string {
  const criteria = parseCriteriaText(`
version: 1
measured:
  - { id: jt, metric: join_time_ms, threshold: "p(95) < 5000", title: { fr: "Connexion", en: "Join & \\"quotes\\" <tags>" } }
  - { id: up, metric: uplink_kbps, threshold: "avg < 1500", level: warn, title: { fr: a, en: b } }
  - { id: fps, metric: fps_received, threshold: "avg > 20", noData: skip, title: { fr: a, en: b } }
declared:
  - { id: sso, title: { fr: SSO, en: SSO }, values: { galene: { value: true, source: "x\\u0001y" } } }
`);
  const record = run([
    trial({ platform: 'galene', participants: [participant('p1'), participant('p2', { uplinkKbps: { avg: 2000, p95: 2100 } })] }),
    trial({ platform: 'janus', participants: [failedParticipant('p1')] }),
    trial({ platform: 'jitsi', verdict: 'broken', reason: 'page did not load', participants: [] }),
  ]);
  const { run: judged, scorecards } = scoreRun(record, criteria);
  return toJunit(judged, scorecards);
}

describe('JUnit export against the XSD', () => {
  it('validates: failures, errors, skipped, warnings, escaped text and control characters', async () => {
    const xml = report();
    expect(xml).toContain('<failure');
    expect(xml).toContain('<error');
    expect(xml).toContain('<skipped');
    const result = await validate(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('the validator rejects a wrong order and a missing required attribute', async () => {
    const xml = report();
    const misordered = xml.replace(/(<testcase[^>]*>)\n(\s*<system-out>[^<]*<\/system-out>)\n(\s*)<\/testcase>/, '$1\n$2\n$3<skipped/>\n$3</testcase>');
    expect(misordered).not.toBe(xml);
    expect((await validate(misordered)).valid).toBe(false);
    expect((await validate(xml.replace(/ tests="\d+"/g, ''))).valid).toBe(false);
    expect((await validate(xml.replace(/timestamp="([^"]+)"/, 'timestamp="$1Z"'))).valid).toBe(false);
  });
});
