/**
 * Joining synthesized chunks: each chunk gets short raised-cosine fades at both ends (no
 * clicks where audio starts or stops) and a silent pause after it, except the last one.
 * Fades do not change lengths, so the result is exactly the chunks plus the pauses.
 */

/** Pause between chunks (sentences): short and natural. */
export const CHUNK_PAUSE_SECONDS = 0.2;
/** Fade length at each chunk edge. */
const CHUNK_FADE_SECONDS = 0.01;

export function pauseSamples(sampleRate: number): number {
  return Math.round(CHUNK_PAUSE_SECONDS * sampleRate);
}

/** A copy with raised-cosine fade-in and fade-out of `fadeLength` samples (shortened for tiny chunks). */
export function fadeEdges(samples: Float32Array, fadeLength: number): Float32Array {
  const out = Float32Array.from(samples);
  const n = Math.min(fadeLength, Math.floor(out.length / 2));
  for (let i = 0; i < n; i++) {
    const gain = 0.5 - 0.5 * Math.cos((Math.PI * i) / n);
    out[i] = out[i]! * gain;
    out[out.length - 1 - i] = out[out.length - 1 - i]! * gain;
  }
  return out;
}

/** A chunk ready to be concatenated: faded, followed by `pause` silent samples. */
export function prepareChunk(samples: Float32Array, sampleRate: number, pause: number): Float32Array {
  const faded = fadeEdges(samples, Math.round(CHUNK_FADE_SECONDS * sampleRate));
  if (pause === 0) return faded;
  const out = new Float32Array(faded.length + pause);
  out.set(faded);
  return out;
}

export function concatSamples(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Length of the joined audio: every chunk plus one pause between each two. */
export function joinedLength(chunkLengths: readonly number[], pause: number): number {
  return chunkLengths.reduce((sum, n) => sum + n, 0) + Math.max(0, chunkLengths.length - 1) * pause;
}
