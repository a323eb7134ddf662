/**
 * Level of reference clips. Upstream feeds the reference as it is loaded
 * (resemble-ai/chatterbox, src/chatterbox/mtl_tts.py @a9742ee, `prepare_conditionals`), and so
 * do we, with one exception: a clip that reaches full scale (it clips, like the model's own
 * default_voice.wav, which peaks at 1.08) is attenuated to a 0.3 peak. WinSTT measured that this
 * very clip makes the model mangle the first words on 10 of 10 renders and that a 0.3 peak fixes
 * it (dahshury/WinSTT, src-tauri/src/winstt/tts/chatterbox.rs @3ed04c2, REF_PEAK_TARGET); they
 * attenuate every clip above 0.5, which changes clips upstream leaves alone, so we do not.
 */

/** A peak at or above this counts as clipping (16-bit full scale is 32767/32768). */
export const CLIPPING_PEAK = 0.999;
export const TARGET_PEAK = 0.3;

export function peakOf(samples: Float32Array): number {
  let peak = 0;
  for (let i = 0; i < samples.length; i++) peak = Math.max(peak, Math.abs(samples[i]!));
  return peak;
}

/** A copy attenuated to TARGET_PEAK when the clip clips; otherwise the input, as upstream. */
export function correctLevel(samples: Float32Array): Float32Array {
  const peak = peakOf(samples);
  if (peak < CLIPPING_PEAK) return samples;
  const gain = TARGET_PEAK / peak;
  return samples.map((s) => s * gain);
}
