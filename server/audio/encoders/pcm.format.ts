/**
 * Headerless signed 16-bit little-endian mono at 24 kHz, as OpenAI's `pcm` response format.
 * `audio/pcm` is what OpenAI answers and its clients expect; `audio/L16` would be wrong here
 * because RFC 2586 defines L16 as big-endian. Streaming is plain concatenation.
 */
import { floatToPcm16, pcm16Bytes } from '../pcm16.ts';
import { emptyAudioError } from './encoder-errors.ts';
import type { FormatDescriptor } from './format-descriptor.ts';
import { guardStreamEncoder } from './guarded-stream-encoder.ts';
import { NO_BYTES } from './pcm-samples.ts';

function pcmBytes(samples: Float32Array): Uint8Array {
  return pcm16Bytes(floatToPcm16(samples));
}

export const pcmFormat: FormatDescriptor = {
  format: 'pcm',
  contentType: 'audio/pcm',
  extension: 'pcm',
  async encode(samples) {
    if (samples.length === 0) throw emptyAudioError();
    return pcmBytes(samples);
  },
  createStreamEncoder() {
    return guardStreamEncoder('pcm', { push: pcmBytes, end: () => NO_BYTES, release: () => undefined });
  },
};
