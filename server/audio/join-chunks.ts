/**
 * Joining synthesized chunks: each chunk gets short raised-cosine fades at both ends (no
 * clicks where audio starts or stops) and the silent pause the text stage asked for after it
 * (sentence, paragraph or inline pause; the first chunk may also have one before it).
 * Fades do not change lengths, so the result is exactly the chunks plus the pauses.
 */

/** Fade length at each chunk edge. */
const CHUNK_FADE_SECONDS = 0.01;
const MS_PER_SECOND = 1000;

/** Samples of a pause of `ms` milliseconds. */
export function pauseSamples(ms: number, sampleRate: number): number {
  return Math.max(0, Math.round((ms * sampleRate) / MS_PER_SECOND));
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

/** A chunk ready to be concatenated: `lead` silent samples, the faded chunk, `pause` silent samples. */
export function prepareChunk(samples: Float32Array, sampleRate: number, pause: number, lead = 0): Float32Array {
  const faded = fadeEdges(samples, Math.round(CHUNK_FADE_SECONDS * sampleRate));
  if (pause === 0 && lead === 0) return faded;
  const out = new Float32Array(lead + faded.length + pause);
  out.set(faded, lead);
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

/** Length of the joined audio: the leading pause, every chunk, and each chunk's pause but the last one's. */
export function joinedLength(chunkLengths: readonly number[], pauses: readonly number[], lead = 0): number {
  const between = pauses.slice(0, Math.max(0, chunkLengths.length - 1)).reduce((sum, n) => sum + n, 0);
  return lead + chunkLengths.reduce((sum, n) => sum + n, 0) + between;
}
