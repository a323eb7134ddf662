/** Sample and byte helpers shared by the encoders. */
/**
 * Copy of `samples` limited to [-1, 1] with NaN replaced by silence. Float codecs pass
 * out-of-range values straight through, and the decoder can overshoot slightly.
 */
export function clampFloatSamples(samples: Float32Array): Float32Array {
  const out = new Float32Array(samples.length);
  for (let index = 0; index < samples.length; index += 1) {
    const value = samples[index]!;
    out[index] = Number.isNaN(value) ? 0 : Math.max(-1, Math.min(1, value));
  }
  return out;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export const NO_BYTES = new Uint8Array(0);
