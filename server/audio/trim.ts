/**
 * Trimming of reference clips: leading and trailing silence carry no voice, and the speech
 * encoder only uses the first 10 s (docs/model.md), so longer clips are cut there.
 */

/** Absolute level below which a sample counts as silence (the C# port's threshold). */
const SILENCE_THRESHOLD = 0.01;
/** Silence kept around the voiced part so onsets are not clipped. */
export const SILENCE_MARGIN_SECONDS = 0.05;

export function trimSilence(samples: Float32Array, sampleRate: number, threshold = SILENCE_THRESHOLD): Float32Array {
  let first = 0;
  while (first < samples.length && Math.abs(samples[first]!) < threshold) first++;
  if (first === samples.length) return samples.subarray(0, 0);
  let last = samples.length - 1;
  while (last > first && Math.abs(samples[last]!) < threshold) last--;
  const margin = Math.round(SILENCE_MARGIN_SECONDS * sampleRate);
  return samples.subarray(Math.max(0, first - margin), Math.min(samples.length, last + 1 + margin));
}

export function limitDuration(samples: Float32Array, sampleRate: number, maxSeconds: number): Float32Array {
  return samples.subarray(0, Math.min(samples.length, Math.round(maxSeconds * sampleRate)));
}
