/**
 * The registry of output formats: maps each format name of the HTTP contract
 * (shared/audio-format.ts) to its descriptor (MIME type, extension, one-shot and streaming
 * encoders). Input is always mono Float32 at the model rate, SAMPLE_RATE_HZ (24 kHz).
 */
import { AUDIO_FORMAT_NAMES, type AudioFormat, isAudioFormat } from '../../shared/audio-format.ts';
import { aacFormat } from './aac.format.ts';
import { unsupportedFormatError } from './encoder-errors.ts';
import { flacFormat } from './flac.format.ts';
import type { FormatDescriptor, StreamEncoder } from './format-descriptor.ts';
import { mp3Format } from './mp3.format.ts';
import { opusFormat } from './opus.format.ts';
import { pcmFormat } from './pcm.format.ts';
import { wavFormat } from './wav.format.ts';

/** A Record, so that a format added to the contract without an encoder fails type-checking. */
const DESCRIPTORS: Readonly<Record<AudioFormat, FormatDescriptor>> = {
  wav: wavFormat,
  mp3: mp3Format,
  opus: opusFormat,
  flac: flacFormat,
  aac: aacFormat,
  pcm: pcmFormat,
};

/** Every format of the HTTP contract, in contract order. */
export const FORMAT_DESCRIPTORS: readonly FormatDescriptor[] = AUDIO_FORMAT_NAMES.map((name) => DESCRIPTORS[name]);

/** The descriptor of `format`; a name outside the contract is a 400 `unsupported_format`. */
export function getFormat(format: string): FormatDescriptor {
  if (!isAudioFormat(format)) throw unsupportedFormatError(format, AUDIO_FORMAT_NAMES);
  return DESCRIPTORS[format];
}

/** One-shot: 24 kHz mono samples to a complete file in `format`. */
export async function encode(samples: Float32Array, format: string): Promise<Uint8Array> {
  return getFormat(format).encode(samples);
}

/** Incremental encoder for sending `format` while later sentences are still being synthesized. */
export function createStreamEncoder(format: string): StreamEncoder {
  return getFormat(format).createStreamEncoder();
}
