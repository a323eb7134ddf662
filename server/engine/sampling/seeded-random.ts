/**
 * A small seeded PRNG (mulberry32: 32-bit state, passes the usual statistical batteries
 * well enough for sampling) so a seed reproduces a run exactly. Math.random cannot be seeded.
 */
export type RandomSource = () => number;

const GOLDEN_GAMMA = 0x6d2b79f5;

/** Uniform numbers in [0, 1) determined by `seed` (an unsigned 32-bit integer). */
export function createSeededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + GOLDEN_GAMMA) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
