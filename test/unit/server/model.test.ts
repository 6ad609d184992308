import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mannWhitneyTwoSided } from '../../../results/history/mann-whitney.ts';
import { fromAcceptLanguage } from '../../../server/i18n/negotiate-lang.ts';
import { MESSAGES } from '../../../server/i18n/messages.ts';
import { VIEWS_DIR } from '../../../server/render.ts';
import { thresholdBound } from '../../../server/model/trial-values.ts';

describe("Mann-Whitney U, two-sided (the viewer's compare)", () => {
  it('gives the exact two-sided p for fully separated samples: 2 / C(10,5) = 2/252', () => {
    const r = mannWhitneyTwoSided([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
    expect(r.u).toBe(0);
    expect(r.method).toBe('exact');
    expect(r.p).toBeCloseTo(2 / 252, 6);
    expect(mannWhitneyTwoSided([6, 7, 8, 9, 10], [1, 2, 3, 4, 5]).p).toBeCloseTo(2 / 252, 6);
  });
  it('gives p = 1 for identical samples and a large p for overlapping ones', () => {
    expect(mannWhitneyTwoSided([5, 5, 5], [5, 5, 5]).p).toBe(1);
    expect(mannWhitneyTwoSided([1, 2, 3, 4], [2, 3, 4, 5]).p).toBeGreaterThan(0.3);
  });
});

describe('language negotiation', () => {
  it('takes the best supported language by q-value', () => {
    expect(fromAcceptLanguage('de-DE, fr;q=0.8, en;q=0.5')).toBe('fr');
    expect(fromAcceptLanguage('en-US,en;q=0.9,fr;q=0.8')).toBe('en');
    expect(fromAcceptLanguage('de, it')).toBeUndefined();
    expect(fromAcceptLanguage(undefined)).toBeUndefined();
  });
  it('has every English key in French too, none empty', () => {
    for (const key of Object.keys(MESSAGES.en) as (keyof typeof MESSAGES.en)[]) expect(MESSAGES.fr[key], key).toBeTruthy();
  });
});

describe('views escape every value', () => {
  it('use raw output (<%~) only for include() and the layout body', () => {
    const files = readdirSync(VIEWS_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.eta'));
    expect(files.length).toBeGreaterThan(8);
    for (const file of files) {
      const text = readFileSync(path.join(VIEWS_DIR, file), 'utf8');
      for (const match of text.matchAll(/<%~\s*([^%]*)%>/g)) expect(match[1], `${file}: ${match[0]}`).toMatch(/^(include\(|it\.body\s*$)/);
    }
  });
});

describe('threshold bounds for the trend charts', () => {
  it('reads the bound and which side passes', () => {
    expect(thresholdBound('p(95) < 5000')).toEqual({ value: 5000, better: 'lower' });
    expect(thresholdBound('rate >= 0.99')).toEqual({ value: 0.99, better: 'higher' });
    expect(thresholdBound('count == 0')).toBeUndefined();
    expect(thresholdBound('nonsense')).toBeUndefined();
  });
});
