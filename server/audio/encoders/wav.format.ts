/**
 * 16-bit PCM WAV. The one-shot file carries exact sizes; a streamed file cannot know them when
 * its header goes out, so both RIFF and data sizes are 0xFFFFFFFF ("unknown, read to the end"),
 * the convention OpenAI's streamed WAV and ffmpeg's piped WAV output use; ffmpeg, browsers and
 * most players then read samples until the connection closes.
 */
import { SAMPLE_RATE_HZ } from '../../shared/audio-constants.ts';
import { floatToPcm16, pcm16Bytes } from '../pcm16.ts';
import { emptyAudioError } from './encoder-errors.ts';
import type { FormatDescriptor } from './format-descriptor.ts';
import { guardStreamEncoder } from './guarded-stream-encoder.ts';
import { concatBytes, NO_BYTES } from './pcm-samples.ts';

const HEADER_BYTES = 44;
const FMT_CHUNK_BYTES = 16;
const FORMAT_PCM = 1;
const CHANNELS = 1;
const BYTES_PER_SAMPLE = 2;
/** Size value meaning "unknown": the largest a 32-bit RIFF size can say. */
export const STREAMING_SIZE = 0xffff_ffff;

/** Canonical 44-byte header; `dataBytes` undefined writes the streaming (unknown) sizes. */
function wavHeader(dataBytes?: number, sampleRate = SAMPLE_RATE_HZ): Uint8Array {
  const header = new Uint8Array(HEADER_BYTES);
  const view = new DataView(header.buffer);
  const ascii = (offset: number, text: string): void => {
    for (let index = 0; index < text.length; index += 1) header[offset + index] = text.charCodeAt(index);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, dataBytes === undefined ? STREAMING_SIZE : HEADER_BYTES - 8 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, FMT_CHUNK_BYTES, true);
  view.setUint16(20, FORMAT_PCM, true);
  view.setUint16(22, CHANNELS, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * CHANNELS * BYTES_PER_SAMPLE, true);
  view.setUint16(32, CHANNELS * BYTES_PER_SAMPLE, true);
  view.setUint16(34, BYTES_PER_SAMPLE * 8, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes ?? STREAMING_SIZE, true);
  return header;
}

/**
 * A complete 16-bit mono WAV file at any rate. Output formats are always at the model rate;
 * stored voice clips keep the rate they were uploaded at, so they are written with this.
 */
export function encodeWavFile(samples: Float32Array, sampleRate: number): Uint8Array {
  const data = pcm16Bytes(floatToPcm16(samples));
  return concatBytes([wavHeader(data.length, sampleRate), data]);
}

export const wavFormat: FormatDescriptor = {
  format: 'wav',
  contentType: 'audio/wav',
  extension: 'wav',
  async encode(samples) {
    if (samples.length === 0) throw emptyAudioError();
    return encodeWavFile(samples, SAMPLE_RATE_HZ);
  },
  createStreamEncoder() {
    let headerSent = false;
    return guardStreamEncoder('wav', {
      push(samples) {
        const data = pcm16Bytes(floatToPcm16(samples));
        if (headerSent) return data;
        headerSent = true;
        return concatBytes([wavHeader(), data]);
      },
      end: () => NO_BYTES,
      release: () => undefined,
    });
  },
};
