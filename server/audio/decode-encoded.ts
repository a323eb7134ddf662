/**
 * Back from an encoded file to samples, for converting a finished job to another format.
 * WAV and raw PCM are read directly; compressed formats go through audio-decode.
 */
import decode from 'audio-decode';
import { WaveFile } from '../shared/wavefile.ts';
import { SAMPLE_RATE_HZ } from '../shared/audio-constants.ts';
import type { AudioFormat } from '../shared/audio-format.ts';
import { pcm16ToFloat } from './pcm16.ts';

export interface DecodedAudio {
  samples: Float32Array;
  sampleRate: number;
}

export async function decodeEncoded(bytes: Uint8Array, format: AudioFormat): Promise<DecodedAudio> {
  if (format === 'pcm') {
    const aligned = new Int16Array(bytes.byteLength >> 1);
    new Uint8Array(aligned.buffer).set(bytes.subarray(0, aligned.byteLength));
    return { samples: pcm16ToFloat(aligned), sampleRate: SAMPLE_RATE_HZ };
  }
  if (format === 'wav') {
    const wav = new WaveFile(bytes);
    const { sampleRate } = wav.fmt as { sampleRate: number };
    // Our own files are 16-bit: reading them as integers is ~20x faster than toBitDepth('32f').
    if (wav.bitDepth === '16') return { samples: pcm16ToFloat(wav.getSamples(false, Int16Array) as unknown as Int16Array), sampleRate };
    wav.toBitDepth('32f');
    return { samples: wav.getSamples(false, Float32Array) as unknown as Float32Array, sampleRate };
  }
  const decoded = await decode(bytes);
  return { samples: decoded.channelData[0] ?? new Float32Array(0), sampleRate: decoded.sampleRate };
}
