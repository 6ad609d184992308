import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCriteriaFile, parseCriteriaText } from '../../../../results/criteria/load-criteria.ts';
import { InputError } from '../../../../results/input-error.ts';

const preset = fileURLToPath(new URL('../../../../scenarios/criteria.yaml', import.meta.url));

function problems(text: string): [number | null, string, string][] {
  try {
    parseCriteriaText(text, 'c.yaml');
  } catch (error) {
    if (error instanceof InputError) return error.problems.map((p) => [p.line, p.path, p.message]);
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('criteria file', () => {
  it('the preset loads, every measured threshold has a reason comment above it', () => {
    const file = loadCriteriaFile(preset);
    expect(file.measured.length).toBeGreaterThanOrEqual(5);
    expect(file.declared.length).toBeGreaterThanOrEqual(5);
    const text = readFileSync(preset, 'utf8');
    for (const criterion of file.measured) expect(text).toMatch(new RegExp(`# Reason: .+\\n  - id: ${criterion.id}\\n`));
  });

  it('reports every problem at once, each with its line and path', () => {
    const found = problems(`version: 1
measured:
  - id: jt
    metric: join_time
    threshold: p(95) < 5000
    title: { fr: a, en: b }
  - id: jitter
    metric: jitter_ms
    threshold: rate < 0.1
    title: { fr: a, en: b }
  - id: pct
    metric: join_time_ms
    threshold: p(101) < 5
    level: fatal
    title: { fr: a }
  - id: jt
    metric: join_time_ms
    threshold: avg < NaN
    window: { skipS: 5 }
    title: { fr: a, en: b }
    colour: red
`);
    expect(found).toEqual([
      [4, 'measured[0].metric', expect.stringMatching(/^unknown metric "join_time"; expected one of: join_time_ms/)],
      [9, 'measured[1].threshold', '"rate" does not fit jitter_ms, a trend metric; use avg, min, max, med, p(N)'],
      [13, 'measured[2].threshold', 'invalid threshold "p(101) < 5": percentile 101 is outside 0–100'],
      [14, 'measured[2].level', expect.stringMatching(/expected one of "error"\|"warn"\|"off"/)],
      [15, 'measured[2].title.en', expect.stringMatching(/expected string/)],
      [16, 'measured[3].id', 'duplicate id "jt" (first used at measured[0])'],
      [18, 'measured[3].threshold', expect.stringMatching(/NaN and Infinity are refused/)],
      [19, 'measured[3].window', expect.stringMatching(/^window needs per-second samples and join_time_ms has none/)],
      [21, 'measured[3].colour', expect.stringMatching(/unknown key/)],
    ]);
  });

  it('refuses a wrong version, a bad declared value and a share outside (0, 1]', () => {
    const found = problems(`version: 2
measured:
  - { id: up, metric: uplink_kbps, threshold: "avg < 1500", participants: 1.5, title: { fr: a, en: b } }
declared:
  - id: sso
    title: { fr: a, en: b }
    values:
      galene: { value: yes, source: x }
      janus: { value: true }
`);
    expect(found.map(([line, path]) => [line, path])).toEqual([
      [1, 'version'],
      [3, 'measured[0].participants'],
      [8, 'declared[0].values.galene.value'],
      [9, 'declared[0].values.janus.source'],
    ]);
  });

  it('a syntax error and a duplicate key are reported with their line, before any schema check', () => {
    expect(problems('version: 1\nmeasured: []\nmeasured: []\n')).toEqual([[3, '', expect.stringMatching(/duplicate key/)]]);
    expect(problems('version: 1\nmeasured: [\n')[0]?.[2]).toMatch(/YAML syntax/);
  });
});
