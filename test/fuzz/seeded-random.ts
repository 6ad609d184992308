/**
 * A small seeded PRNG (mulberry32): fuzz and fault trials are random but repeatable, and a failing seed
 * can be replayed with MEETBENCH_FUZZ_SEED.
 */
export { seededRandom } from '../../harness/page-scripts/quality/seeded-random.ts';

/** integer in [0, n) */
export const pick = (random: () => number, n: number): number => Math.floor(random() * n);
