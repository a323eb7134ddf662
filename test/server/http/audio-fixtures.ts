/** Reference clips and WAV parsing for voice and download tests. */
import { WaveFile } from '../../../server/shared/wavefile.ts';

/** A mono 16-bit WAV of a gently varying tone: `seconds` long at `sampleRate`. */
export function toneWav(seconds: number, sampleRate = 16_000, amplitude = 0.4): Uint8Array {
  const samples = new Int16Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < samples.length; i += 1) {
    const t = i / sampleRate;
    samples[i] = Math.round(32767 * amplitude * Math.sin(2 * Math.PI * (180 + 40 * Math.sin(3 * t)) * t));
  }
  const wav = new WaveFile();
  wav.fromScratch(1, sampleRate, '16', samples);
  return wav.toBuffer();
}

export interface ParsedWav {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  samples: number;
}

export function parseWav(bytes: Uint8Array): ParsedWav {
  const wav = new WaveFile(bytes);
  const fmt = wav.fmt as { sampleRate: number; numChannels: number; bitsPerSample: number };
  const data = wav.data as { samples: Uint8Array };
  return {
    sampleRate: fmt.sampleRate,
    channels: fmt.numChannels,
    bitsPerSample: fmt.bitsPerSample,
    samples: data.samples.length / (fmt.bitsPerSample / 8) / fmt.numChannels,
  };
}

export function uploadForm(bytes: Uint8Array, fileName = 'clip.wav', name?: string, field = 'file'): FormData {
  const form = new FormData();
  form.append(field, new Blob([bytes], { type: 'audio/wav' }), fileName);
  if (name !== undefined) form.append('name', name);
  return form;
}
