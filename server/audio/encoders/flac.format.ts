/**
 * FLAC (16-bit, lossless: decodes to exactly the samples of the WAV) through @mediabunny/flac-encoder (libFLAC built to WebAssembly,
 * compression level 5, in a worker thread per stream). A one-shot file gets a complete
 * STREAMINFO (total samples, so players show the duration and can seek); a streamed file cannot
 * seek back to write it, so its STREAMINFO leaves the total at 0, which the FLAC format defines
 * as "unknown" and decoders accept.
 */
import { FlacOutputFormat } from 'mediabunny';
import { emptyAudioError } from './encoder-errors.ts';
import type { FormatDescriptor } from './format-descriptor.ts';
import { guardStreamEncoder } from './guarded-stream-encoder.ts';
import { encodeFileWithMediabunny, lazyRegistration, type MediabunnyCodec, MediabunnyStream } from './mediabunny-encoder.ts';

/** libFLAC's block size at compression levels 3 to 8. */
const FLAC_BLOCK_SAMPLES = 4096;

const flacCodec: MediabunnyCodec = {
  codec: 'flac',
  sampleFormat: 's16',
  createFormat: ({ appendOnly, onFrame }) => new FlacOutputFormat({ appendOnly, onFrame }),
  framesReadyAfter: (inputSamples) => Math.floor(inputSamples / FLAC_BLOCK_SAMPLES),
  register: lazyRegistration(async () => void (await import('./flac-registration.ts'))),
};

export const flacFormat: FormatDescriptor = {
  format: 'flac',
  contentType: 'audio/flac',
  extension: 'flac',
  async encode(samples) {
    if (samples.length === 0) throw emptyAudioError();
    return encodeFileWithMediabunny(flacCodec, samples);
  },
  createStreamEncoder() {
    return guardStreamEncoder('flac', new MediabunnyStream(flacCodec));
  },
};
