/** Deterministic synthetic audio and waveform comparison for the encoder tests and bench. */
import { SAMPLE_RATE_HZ } from '../../../../server/shared/audio-constants.ts';

/** Small seeded PRNG (mulberry32) so every run encodes the same "noise". */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value ^= value + Math.imul(value ^ (value >>> 7), 61 | value);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Speech-like test signal: a gliding voiced tone with five harmonics, shaped into four
 * syllables per second with short pauses, plus a little noise (breath, fricatives).
 */
export function speechLikeSignal(seconds: number, seed = 1): Float32Array {
  const next = random(seed);
  const samples = new Float32Array(Math.round(seconds * SAMPLE_RATE_HZ));
  let phase = 0;
  for (let index = 0; index < samples.length; index += 1) {
    const time = index / SAMPLE_RATE_HZ;
    const pitch = 140 + 30 * Math.sin(2 * Math.PI * 0.7 * time);
    phase += (2 * Math.PI * pitch) / SAMPLE_RATE_HZ;
    let voiced = 0;
    for (let harmonic = 1; harmonic <= 5; harmonic += 1) voiced += Math.sin(harmonic * phase) / harmonic;
    const syllable = Math.max(0, Math.sin(2 * Math.PI * 4 * time));
    samples[index] = 0.35 * syllable * voiced + 0.02 * (next() - 0.5);
  }
  return samples;
}

export interface Alignment {
  /** Samples by which `decoded` trails `reference` (codec delay). */
  lag: number;
  /** Normalized cross-correlation at that lag, 1 for identical waveforms. */
  correlation: number;
}

/** Best lag in [0, maxLag] matching a window from the middle of `reference` inside `decoded`. */
export function align(reference: Int16Array, decoded: Int16Array, maxLag: number, window = 6000): Alignment {
  const start = Math.floor((reference.length - window) / 2);
  let best: Alignment = { lag: 0, correlation: -Infinity };
  for (let lag = 0; lag <= maxLag; lag += 1) {
    let dot = 0;
    let refEnergy = 0;
    let decEnergy = 0;
    for (let index = start; index < start + window; index += 1) {
      const ref = reference[index]!;
      const dec = decoded[index + lag] ?? 0;
      dot += ref * dec;
      refEnergy += ref * ref;
      decEnergy += dec * dec;
    }
    const correlation = dot / Math.sqrt(refEnergy * decEnergy || 1);
    if (correlation > best.correlation) best = { lag, correlation };
  }
  return best;
}
