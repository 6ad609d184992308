/**
 * One-sided Mann-Whitney U test: are the values of `a` (tonight) stochastically greater than those of `b`
 * (previous nights)? Rank-based, so one odd repeat cannot fake a regression the way a mean can, and it
 * makes no normality assumption (join times are skewed). simple-statistics has no Mann-Whitney, so here.
 *
 * Small samples without ties use the exact null distribution (3 repeats against a few nights is the usual
 * case, where the normal approximation is poor); otherwise the normal approximation with tie and
 * continuity corrections.
 */
export interface MannWhitneyResult {
  /** U of `a`: pairs (x in a, y in b) with x > y, ties counting one half */
  u: number;
  /** one-sided p-value for "a is greater than b" */
  p: number;
  /** rank-biserial correlation, from -1 (a all below b) to 1 (a all above b) */
  effect: number;
  method: 'exact' | 'normal';
}

/** exact distribution is used up to this many pairs (its cost grows as the square of it) */
const EXACT_MAX_PAIRS = 2500;

export function mannWhitneyGreater(a: readonly number[], b: readonly number[]): MannWhitneyResult {
  const m = a.length;
  const n = b.length;
  if (m === 0 || n === 0) throw new RangeError('Mann-Whitney U needs at least one value on each side');
  if ([...a, ...b].some((v) => !Number.isFinite(v))) throw new RangeError('Mann-Whitney U needs finite values');
  const { u, ties } = countU(a, b);
  const effect = (2 * u) / (m * n) - 1;
  if (ties.length === 0 && m * n <= EXACT_MAX_PAIRS) return { u, p: exactUpperTail(m, n, u), effect, method: 'exact' };
  return { u, p: normalUpperTail(m, n, u, ties), effect, method: 'normal' };
}

/**
 * Two-sided p-value: do `a` and `b` differ either way? Twice the smaller one-sided tail (exact for small
 * samples without ties, as above). The viewer's comparison of two platforms or two runs uses it.
 */
export function mannWhitneyTwoSided(a: readonly number[], b: readonly number[]): { u: number; p: number; method: MannWhitneyResult['method'] } {
  const greater = mannWhitneyGreater(a, b);
  const less = mannWhitneyGreater(b, a);
  return { u: Math.min(greater.u, less.u), p: Math.min(1, 2 * Math.min(greater.p, less.p)), method: greater.method };
}

/** U by ranks (ties get their mid-rank); also the sizes of the tie groups, for the variance correction */
function countU(a: readonly number[], b: readonly number[]): { u: number; ties: number[] } {
  const all = [...a.map((v) => ({ v, first: true })), ...b.map((v) => ({ v, first: false }))].sort((x, y) => x.v - y.v);
  let rankSumA = 0;
  const ties: number[] = [];
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j + 1 < all.length && all[j + 1]!.v === all[i]!.v) j += 1;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k += 1) if (all[k]!.first) rankSumA += midRank;
    if (j > i) ties.push(j - i + 1);
    i = j + 1;
  }
  return { u: rankSumA - (a.length * (a.length + 1)) / 2, ties };
}

/**
 * P(U >= u) under the null hypothesis, by the recurrence on the largest value:
 * P(m, n, k) = m/(m+n) · P(m-1, n, k-n) + n/(m+n) · P(m, n-1, k) (probabilities, so no overflow).
 */
function exactUpperTail(m: number, n: number, u: number): number {
  // dist[i][j] = probability mass of U over 0..i*j for sizes i and j, built row by row
  let previous: number[][] = Array.from({ length: n + 1 }, () => [1]);
  for (let i = 1; i <= m; i += 1) {
    const current: number[][] = [[1]];
    for (let j = 1; j <= n; j += 1) {
      const size = i * j + 1;
      const mass = new Array<number>(size).fill(0);
      const withA = previous[j]!; // sizes (i-1, j): the largest value is from a, adding j to U
      const withB = current[j - 1]!; // sizes (i, j-1): the largest value is from b
      for (let k = 0; k < withA.length; k += 1) mass[k + j]! += (i / (i + j)) * withA[k]!;
      for (let k = 0; k < withB.length; k += 1) mass[k]! += (j / (i + j)) * withB[k]!;
      current.push(mass);
    }
    previous = current;
  }
  const dist = previous[n]!;
  let tail = 0;
  for (let k = Math.ceil(u - 1e-9); k < dist.length; k += 1) tail += dist[k]!;
  return Math.min(1, tail);
}

function normalUpperTail(m: number, n: number, u: number, ties: number[]): number {
  const total = m + n;
  const tieTerm = ties.reduce((sum, t) => sum + t ** 3 - t, 0);
  const variance = ((m * n) / 12) * (total + 1 - tieTerm / (total * (total - 1)));
  if (variance <= 0) return u > (m * n) / 2 ? 0 : 1;
  const z = (u - (m * n) / 2 - 0.5) / Math.sqrt(variance);
  return 1 - normalCdf(z);
}

/** standard normal CDF through erf (Abramowitz-Stegun 7.1.26, error below 1.5e-7) */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
