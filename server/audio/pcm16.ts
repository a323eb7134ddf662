/** Largest magnitude of a signed 16-bit sample. */
const INT16_MAX = 32_767;

/**
 * Float samples in [-1, 1] to signed 16-bit little-endian, clamped (the decoder can overshoot
 * slightly and wrapping around would click).
 */
export function floatToPcm16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let index = 0; index < samples.length; index += 1) {
    const value = Math.max(-1, Math.min(1, samples[index]!));
    out[index] = Math.round(value * INT16_MAX);
  }
  return out;
}

export function pcm16ToFloat(samples: Int16Array): Float32Array {
  const out = new Float32Array(samples.length);
  for (let index = 0; index < samples.length; index += 1) out[index] = samples[index]! / INT16_MAX;
  return out;
}

/** Int16Array views are host-endian; every platform Node runs on is little-endian, as WAV and raw PCM require. */
export function pcm16Bytes(samples: Int16Array): Uint8Array {
  return new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
}
