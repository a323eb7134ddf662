/**
 * AAC-LC in ADTS through @mediabunny/aac-encoder (FFmpeg's native AAC encoder built to
 * WebAssembly; it runs in a worker thread per stream). ADTS is what OpenAI's `aac` returns and
 * what `audio/aac` means to browsers; unlike M4A it needs no index at the front, so a streamed
 * file is byte-identical in form to a one-shot one. ADTS cannot signal the encoder's 1024-sample
 * priming, so decoders play up to ~0.1 s more than the input (priming plus final-frame padding).
 */
import { AdtsOutputFormat } from 'mediabunny';
import type { FormatDescriptor } from './format-descriptor.ts';
import { encodeThroughStream, guardStreamEncoder } from './guarded-stream-encoder.ts';
import { lazyRegistration, type MediabunnyCodec, MediabunnyStream } from './mediabunny-encoder.ts';

/** 64 kbit/s: FFmpeg's AAC encoder needs more than Opus for clean speech at 24 kHz mono. */
const AAC_BITRATE_BPS = 64_000;
const AAC_FRAME_SAMPLES = 1024;

const aacCodec: MediabunnyCodec = {
  codec: 'aac',
  bitrate: AAC_BITRATE_BPS,
  sampleFormat: 'f32',
  createFormat: ({ onFrame }) => new AdtsOutputFormat({ onFrame }),
  // The encoder returns a packet one frame after receiving it (its look-ahead).
  framesReadyAfter: (inputSamples) => Math.max(0, Math.floor(inputSamples / AAC_FRAME_SAMPLES) - 1),
  register: lazyRegistration(async () => void (await import('./aac-registration.ts'))),
};

export const aacFormat: FormatDescriptor = {
  format: 'aac',
  contentType: 'audio/aac',
  extension: 'aac',
  encode(samples) {
    return encodeThroughStream(this.createStreamEncoder(), samples);
  },
  createStreamEncoder() {
    return guardStreamEncoder('aac', new MediabunnyStream(aacCodec));
  },
};
