/**
 * Sample-rate conversion with wavefile's windowed-sinc resampler (with its anti-alias
 * low-pass filter when downsampling): the speech encoder only accepts 24 kHz.
 */
import { WaveFile } from '../shared/wavefile.ts';

export function resample(samples: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate || samples.length === 0) return samples;
  const wav = new WaveFile();
  wav.fromScratch(1, fromRate, '32f', samples);
  wav.toSampleRate(toRate, { method: 'sinc', LPF: true });
  return wav.getSamples(false, Float32Array) as unknown as Float32Array;
}
