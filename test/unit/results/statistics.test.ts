/**
 * The one statistics module: k6's percentile definition, no data as null, and a guard that no other
 * percentile, quantile or median implementation appears in the product (they disagreed before: the
 * viewer's p95 used nearest rank while criteria interpolate as k6 does).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mean, median, percentile, summarize } from '../../../results/statistics.ts';

describe('percentile (k6: linear interpolation between the closest ranks)', () => {
  it('interpolates at rank p/100 × (n − 1)', () => {
    const values = [100, 200, 300, 400, 500];
    expect(percentile(values, 0)).toBe(100);
    expect(percentile(values, 50)).toBe(300);
    expect(percentile(values, 95)).toBeCloseTo(480, 9); // rank 3.8: 400 + 0.8 × 100
    expect(percentile(values, 100)).toBe(500);
    expect(percentile([7], 95)).toBe(7);
  });

  it('sorts for itself and ignores what is not a finite number', () => {
    expect(percentile([5, null, 1, Number.NaN, 3, undefined, Number.POSITIVE_INFINITY], 50)).toBe(3);
  });

  it('gives null, never 0 or NaN, without values', () => {
    expect(percentile([], 95)).toBeNull();
    expect(median([null, Number.NaN])).toBeNull();
    expect(mean([])).toBeNull();
    expect(summarize([null])).toEqual({ avg: null, p95: null });
  });

  it('has the median of an even count as the mean of the two middle values', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('summarises a rate as its mean and p95, to one decimal', () => {
    expect(summarize([1, 2, 3, 4, 100])).toEqual({ avg: 22, p95: 80.8 });
  });
});

const PRODUCT = ['harness', 'results', 'server', 'scripts'];
const HOME = path.join('results', 'statistics.ts');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|mjs|js)$/.test(name) ? [full] : [];
  });
}

describe('one percentile implementation in the product', () => {
  // what a second implementation looks like: its own function, a library's quantile, or rank arithmetic
  const SIGNS: Array<[RegExp, string]> = [
    [/from 'simple-statistics'/, 'imports simple-statistics (use results/statistics.ts)'],
    [
      /\bfunction\s+(percentile|quantile|median|p\d\d)\w*\s*\(|\b(const|let)\s+(percentile|quantile|median|p\d\d)\w*\s*=\s*(\(|function\b|async\b|\w+\s*=>)/,
      'defines a percentile, quantile or median of its own',
    ],
    [/\.length - 1\)\s*\*|\*\s*\(\w+\.length - 1\)/, 'computes a percentile rank (n − 1) × p'],
    [/Math\.ceil\(\s*(0\.\d+|\(?\w+ \/ 100\)?)\s*\*\s*\w+\.length/, 'computes a nearest-rank percentile'],
  ];

  it('lives in results/statistics.ts and nowhere else', () => {
    const found: string[] = [];
    for (const file of PRODUCT.flatMap(sources)) {
      if (file === HOME) continue;
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        for (const [sign, what] of SIGNS) if (sign.test(line)) found.push(`${file}:${i + 1}: ${what}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });

  it('would notice one (the guard is not blind)', () => {
    const samples = [
      'function percentile(sorted: number[], p: number) {',
      'const p95 = (values: number[]) => values[0];',
      "import { quantile } from 'simple-statistics';",
      'const rank = q * (sorted.length - 1);',
      'sorted[Math.ceil(0.95 * sorted.length) - 1]',
    ];
    for (const line of samples)
      expect(
        SIGNS.some(([sign]) => sign.test(line)),
        line,
      ).toBe(true);
  });
});
