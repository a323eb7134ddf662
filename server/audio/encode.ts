/**
 * The one place where an output format name maps to its encoder, MIME type and file
 * extension. A format is offered (schemas, OpenAPI, ?format=) exactly when it has an entry
 * here; the encoders themselves live in ./encoders/.
 */
import { WaveFile } from '../shared/wavefile.ts';
import { SAMPLE_RATE_HZ } from '../shared/audio-constants.ts';
import type { AudioFormat } from '../shared/audio-format.ts';
import { FORMAT_DESCRIPTORS, type FormatDescriptor } from './encoders/index.ts';
import { floatToPcm16 } from './pcm16.ts';

export interface AudioEncoder {
  format: AudioFormat;
  contentType: string;
  /** File extension without the dot. */
  extension: string;
  /** Mono float samples in [-1, 1] to the encoded file. */
  encode(samples: Float32Array, sampleRate: number): Promise<Uint8Array>;
}

const MONO = 1;
const BIT_DEPTH = '16';

/** 16-bit PCM WAV: plays everywhere and is what the original service returned. */
export const wavEncoder: AudioEncoder = {
  format: 'wav',
  contentType: 'audio/wav',
  extension: 'wav',
  async encode(samples, sampleRate) {
    const wav = new WaveFile();
    wav.fromScratch(MONO, sampleRate, BIT_DEPTH, floatToPcm16(samples));
    return wav.toBuffer();
  },
};

/**
 * Job formats come from the encoder registry in ./encoders/ (wav, mp3, opus, flac, aac, pcm),
 * which encodes at the model rate only; wavEncoder above stays for clips at other rates.
 */
function fromDescriptor(descriptor: FormatDescriptor): AudioEncoder {
  return {
    format: descriptor.format,
    contentType: descriptor.contentType,
    extension: descriptor.extension,
    encode(samples, sampleRate) {
      if (sampleRate !== SAMPLE_RATE_HZ) throw new Error(`${descriptor.format} encodes ${SAMPLE_RATE_HZ} Hz audio, got ${sampleRate} Hz`);
      return descriptor.encode(samples);
    },
  };
}

const ENCODERS: ReadonlyMap<AudioFormat, AudioEncoder> = new Map(
  FORMAT_DESCRIPTORS.map((descriptor) => [descriptor.format, fromDescriptor(descriptor)]),
);

/** Formats this build can produce, in registry order. */
export function availableFormats(): AudioFormat[] {
  return [...ENCODERS.keys()];
}

export function hasEncoder(format: string): format is AudioFormat {
  return ENCODERS.has(format as AudioFormat);
}

export function getEncoder(format: AudioFormat): AudioEncoder {
  const encoder = ENCODERS.get(format);
  if (encoder === undefined) throw new Error(`no encoder for audio format "${format}"`);
  return encoder;
}

export function encodeAudio(format: AudioFormat, samples: Float32Array, sampleRate: number): Promise<Uint8Array> {
  return getEncoder(format).encode(samples, sampleRate);
}
