/**
 * A small seeded pseudo-random generator (mulberry32): the same sequence wherever it runs, so the test
 * pattern's textures are the same in the sender's page, the receiver's worker and a unit test (and the
 * fuzz trials are repeatable). No imports: it runs in the page.
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
