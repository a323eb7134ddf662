/**
 * One encoded file to another format at the model rate: decode, resample when the source
 * is at another rate, encode. Runs inside the conversion threads (see ./conversion-pool.ts).
 */
import { SAMPLE_RATE_HZ } from '../../shared/audio-constants.ts';
import type { AudioFormat } from '../../shared/audio-format.ts';
import { decodeEncoded } from '../decode-encoded.ts';
import { encode } from '../encoders/formats.ts';
import { resample } from '../resample.ts';

export interface ConversionTask {
  source: Uint8Array;
  from: AudioFormat;
  to: AudioFormat;
}

export async function convertAudio({ source, from, to }: ConversionTask): Promise<Uint8Array> {
  const decoded = await decodeEncoded(source, from);
  const samples = resample(decoded.samples, decoded.sampleRate, SAMPLE_RATE_HZ);
  return encode(samples, to);
}
