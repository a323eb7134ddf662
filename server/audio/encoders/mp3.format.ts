/**
 * MP3 (MPEG-2 Layer III at 24 kHz, mono, constant bit rate) through @breezystack/lamejs, the
 * maintained fork of lamejs (a pure-JS port of LAME). It runs synchronously on the calling
 * thread, so each push returns every frame LAME has finished: the stream lags the input only by
 * LAME's look-ahead. No Xing/LAME tag is written: with CBR, players derive the duration from the
 * size, and a streamed file could not carry one anyway.
 */
import type { Mp3Encoder } from '@breezystack/lamejs';
import { SAMPLE_RATE_HZ } from '../../shared/audio-constants.ts';
import { floatToPcm16 } from '../pcm16.ts';
import type { FormatDescriptor } from './format-descriptor.ts';
import { encodeThroughStream, guardStreamEncoder } from './guarded-stream-encoder.ts';

/** 64 kbit/s is transparent for 24 kHz mono speech (MPEG-2 Layer III allows up to 160). */
const MP3_BITRATE_KBPS = 64;
const CHANNELS = 1;

/**
 * Loaded with import() on first use: the package's `require` entry is an IIFE that exports
 * nothing, and code loaded as CommonJS (tsx compiles test files that way) would get no encoder.
 */
let lameModule: Promise<typeof import('@breezystack/lamejs')> | undefined;
async function createLame(): Promise<Mp3Encoder> {
  lameModule ??= import('@breezystack/lamejs');
  const { Mp3Encoder } = await lameModule;
  return new Mp3Encoder(CHANNELS, SAMPLE_RATE_HZ, MP3_BITRATE_KBPS);
}

/** lamejs returns fresh Int8Arrays (typed as Uint8Array): view them as unsigned bytes. */
function asBytes(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

export const mp3Format: FormatDescriptor = {
  format: 'mp3',
  contentType: 'audio/mpeg',
  extension: 'mp3',
  encode(samples) {
    return encodeThroughStream(this.createStreamEncoder(), samples);
  },
  createStreamEncoder() {
    const lame = createLame();
    // Settled so an aborted stream whose codec never loaded leaves no unhandled rejection.
    lame.catch(() => undefined);
    return guardStreamEncoder('mp3', {
      push: async (samples) => asBytes((await lame).encodeBuffer(floatToPcm16(samples))),
      end: async () => asBytes((await lame).flush()),
      release: () => undefined,
    });
  },
};
