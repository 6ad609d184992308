import { describe, expect, it } from 'vitest';
import { mannWhitneyGreater } from '../../../../results/history/mann-whitney.ts';
import { Prandom } from '../../../../results/seed/prandom.ts';

/** the permutation test by brute force: every way of choosing which values are "tonight" */
function bruteForceP(a: number[], b: number[]): number {
  const all = [...a, ...b];
  const u = (xs: number[], ys: number[]): number => xs.reduce((s, x) => s + ys.reduce((t, y) => t + (x > y ? 1 : x === y ? 0.5 : 0), 0), 0);
  const observed = u(a, b);
  let atLeast = 0;
  let total = 0;
  const choose = (start: number, picked: number[]): void => {
    if (picked.length === a.length) {
      const xs = picked.map((i) => all[i]!);
      const ys = all.filter((_, i) => !picked.includes(i));
      total += 1;
      if (u(xs, ys) >= observed - 1e-9) atLeast += 1;
      return;
    }
    for (let i = start; i < all.length; i += 1) choose(i + 1, [...picked, i]);
  };
  choose(0, []);
  return atLeast / total;
}

describe('mannWhitneyGreater', () => {
  it('gives the exact p of a complete separation: 1 / C(m+n, m)', () => {
    const r = mannWhitneyGreater([4, 5, 6], [1, 2, 3]);
    expect(r.u).toBe(9);
    expect(r.method).toBe('exact');
    expect(r.p).toBeCloseTo(1 / 20, 10);
    expect(r.effect).toBe(1);
  });

  it('is one-sided: the opposite direction has p = 1', () => {
    const r = mannWhitneyGreater([1, 2, 3], [4, 5, 6]);
    expect(r.u).toBe(0);
    expect(r.p).toBeCloseTo(1, 10);
    expect(r.effect).toBe(-1);
  });

  it('matches a brute-force permutation test on random samples without ties', () => {
    const rng = new Prandom(7);
    for (let round = 0; round < 20; round += 1) {
      const a = Array.from({ length: 3 }, () => rng.normal(100, 15));
      const b = Array.from({ length: 7 }, () => rng.normal(95, 15));
      const r = mannWhitneyGreater(a, b);
      expect(r.method).toBe('exact');
      expect(r.p).toBeCloseTo(bruteForceP(a, b), 10);
    }
  });

  it('with ties uses the normal approximation, close to the permutation p', () => {
    const a = [3, 4, 4, 5, 6];
    const b = [1, 2, 2, 3, 4, 3];
    const r = mannWhitneyGreater(a, b);
    expect(r.method).toBe('normal');
    expect(r.u).toBe(27);
    expect(Math.abs(r.p - bruteForceP(a, b))).toBeLessThan(0.02);
  });

  it('normal and exact agree on larger samples', () => {
    const rng = new Prandom(11);
    const a = Array.from({ length: 20 }, () => rng.normal(105, 10));
    const b = Array.from({ length: 40 }, () => rng.normal(100, 10));
    const exact = mannWhitneyGreater(a, b);
    const shifted = mannWhitneyGreater([...a, a[0]!], [...b, a[0]!]); // one tie forces the approximation
    expect(exact.method).toBe('exact');
    expect(shifted.method).toBe('normal');
    expect(Math.abs(exact.p - shifted.p)).toBeLessThan(0.03);
  });

  it('refuses empty sides and non-finite values', () => {
    expect(() => mannWhitneyGreater([], [1])).toThrow(/at least one value/);
    expect(() => mannWhitneyGreater([1, Number.NaN], [1])).toThrow(/finite/);
  });
});
