/**
 * Decodes an uploaded reference clip to mono samples, or says precisely why it cannot:
 * unknown format, truncated file, no audio. Duration limits are the caller's policy.
 */
import decode from 'audio-decode';
import { InvalidAudioError } from '../shared/errors/invalid-audio-error.ts';
import { checkClipHeader, readClipHeader, type ClipHeaderLimits } from './clip-header.ts';

export interface ProbedClip {
  /** Mono mix of all channels, float in [-1, 1]. */
  samples: Float32Array;
  sampleRate: number;
  durationSeconds: number;
  /** Largest absolute sample value. */
  peak: number;
}

/** Below this peak a clip is silence as far as voice cloning is concerned. */
export const SILENCE_PEAK = 1e-3;
const RIFF_HEADER_BYTES = 12;
const CHUNK_HEADER_BYTES = 8;
const UNKNOWN_CHUNK_SIZE = 0xffff_ffff;

/** With `limits` (an upload), the header's channels, sample rate and duration are checked before decoding. */
export async function probeClip(bytes: Uint8Array, limits?: ClipHeaderLimits): Promise<ProbedClip> {
  if (bytes.byteLength === 0) throw new InvalidAudioError('The uploaded file is empty.', { code: 'empty_file' });
  assertCompleteWav(bytes);
  if (limits !== undefined) {
    const header = await readClipHeader(bytes);
    if (header !== null) checkClipHeader(header, limits);
  }
  let decoded;
  try {
    decoded = await decode(bytes);
  } catch {
    throw new InvalidAudioError('The file is not audio in a supported format (wav, mp3, flac, ogg/opus, m4a/aac, aiff, webm).', { code: 'unsupported_audio' });
  }
  const channels = decoded.channelData;
  if (decoded.sampleRate <= 0 || channels.length === 0 || channels[0]!.length === 0) {
    throw new InvalidAudioError('The file decodes to no audio at all (truncated or empty).', { code: 'truncated_audio' });
  }
  const samples = mixToMono(channels);
  return { samples, sampleRate: decoded.sampleRate, durationSeconds: samples.length / decoded.sampleRate, peak: peakOf(samples) };
}

/**
 * WAV decoders quietly return whatever part of a cut-off file they can read; a cut-off
 * upload is better refused than cloned from half a clip. The data chunk's declared size
 * must fit in the file.
 */
function assertCompleteWav(bytes: Uint8Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number): string => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.byteLength < RIFF_HEADER_BYTES || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return;
  let offset = RIFF_HEADER_BYTES;
  while (offset + CHUNK_HEADER_BYTES <= bytes.byteLength) {
    const size = view.getUint32(offset + 4, true);
    if (tag(offset) === 'data') {
      // Streaming writers leave the size 0 or 0xFFFFFFFF ("unknown"); nothing to check then.
      const unknown = size === 0 || size === UNKNOWN_CHUNK_SIZE;
      if (!unknown && offset + CHUNK_HEADER_BYTES + size > bytes.byteLength) {
        throw new InvalidAudioError('The WAV file is truncated: its data chunk is shorter than its header says.', { code: 'truncated_audio' });
      }
      return;
    }
    offset += CHUNK_HEADER_BYTES + size + (size % 2);
  }
  throw new InvalidAudioError('The WAV file is truncated: it has no data chunk.', { code: 'truncated_audio' });
}

function mixToMono(channels: Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0]!;
  const length = Math.min(...channels.map((channel) => channel.length));
  const mono = new Float32Array(length);
  for (const channel of channels) {
    for (let index = 0; index < length; index += 1) mono[index]! += channel[index]! / channels.length;
  }
  return mono;
}

function peakOf(samples: Float32Array): number {
  let peak = 0;
  for (const sample of samples) peak = Math.max(peak, Math.abs(sample));
  return peak;
}
