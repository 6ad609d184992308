/**
 * A small seeded PRNG (mulberry32): fuzz and fault trials are random but repeatable, and a failing seed
 * can be replayed with MEETBENCH_FUZZ_SEED.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** integer in [0, n) */
export const pick = (random: () => number, n: number): number => Math.floor(random() * n);
