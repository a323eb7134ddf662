/**
 * The tiny model's default_voice.wav: 2 s of a voiced-sounding 24 kHz signal (harmonics of a
 * gliding 140 Hz pitch under a syllable-like envelope), stored as 32-bit float and
 * deliberately hot (peak 1.08) like the real model's default voice, so level correction is
 * exercised.
 */
import { WaveFile } from '../../server/shared/wavefile.ts';
import { SAMPLE_RATE_HZ } from '../contract.ts';

const DURATION_SECONDS = 2;
const PEAK = 1.08;
const PITCH_HZ = 140;
const HARMONICS = 6;
const SYLLABLE_HZ = 4;

function buildTinyVoiceSamples(): Float32Array {
  const samples = new Float32Array(DURATION_SECONDS * SAMPLE_RATE_HZ);
  let phase = 0;
  for (let i = 0; i < samples.length; i++) {
    const t = i / SAMPLE_RATE_HZ;
    phase += (2 * Math.PI * PITCH_HZ * (1 + 0.1 * Math.sin(2 * Math.PI * 0.5 * t))) / SAMPLE_RATE_HZ;
    let voiced = 0;
    for (let h = 1; h <= HARMONICS; h++) voiced += Math.sin(h * phase) / h;
    samples[i] = voiced * (0.5 - 0.5 * Math.cos(2 * Math.PI * SYLLABLE_HZ * t));
  }
  let peak = 0;
  for (const s of samples) peak = Math.max(peak, Math.abs(s));
  for (let i = 0; i < samples.length; i++) samples[i] = (samples[i]! / peak) * PEAK;
  return samples;
}

export function buildTinyVoiceWav(): Uint8Array {
  const wav = new WaveFile();
  wav.fromScratch(1, SAMPLE_RATE_HZ, '32f', buildTinyVoiceSamples());
  return wav.toBuffer();
}
