/**
 * Level correction of reference clips. Hot or clipped references (the model's own
 * default_voice.wav peaks at 1.08) make the model mangle the first words; attenuating clips
 * that peak above 0.5 down to a 0.3 peak fixed it in WinSTT's measurements (reference §4).
 * Quieter clips are left alone.
 */
export const HOT_PEAK = 0.5;
export const TARGET_PEAK = 0.3;

export function peakOf(samples: Float32Array): number {
  let peak = 0;
  for (let i = 0; i < samples.length; i++) peak = Math.max(peak, Math.abs(samples[i]!));
  return peak;
}

/** A copy attenuated to TARGET_PEAK when the clip peaks above HOT_PEAK; otherwise the input. */
export function correctLevel(samples: Float32Array): Float32Array {
  const peak = peakOf(samples);
  if (peak <= HOT_PEAK) return samples;
  const gain = TARGET_PEAK / peak;
  return samples.map((s) => s * gain);
}
