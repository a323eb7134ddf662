/**
 * Standard-normal values from the job's seeded generator (Box-Muller), for the decoder's
 * noise input: the same seed gives the same noise, hence the same audio.
 */
import type { RandomSource } from './seeded-random.ts';

export function standardNormals(random: RandomSource, count: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(1 - random())); // 1 - u is in (0, 1]
    const angle = 2 * Math.PI * random();
    out[i] = radius * Math.cos(angle);
    if (i + 1 < count) out[i + 1] = radius * Math.sin(angle);
  }
  return out;
}
