/**
 * Reference clip -> what the speech encoder takes: decoded (any common format), mixed to
 * mono, resampled to 24 kHz, silence-trimmed, cut to 10 s, level-corrected.
 */
import { readFile } from 'node:fs/promises';
import { SAMPLE_RATE_HZ } from '../../../models/contract.ts';
import { probeClip } from '../../audio/clip-probe.ts';
import { correctLevel } from '../../audio/level.ts';
import { resample } from '../../audio/resample.ts';
import { limitDuration, trimSilence } from '../../audio/trim.ts';
import { InvalidAudioError } from '../../shared/errors/invalid-audio-error.ts';

/**
 * The speech encoder uses the first 10 s for prompt tokens and mel (the export script,
 * VladOS95-cyber/onnx_conversion_scripts chatterbox/chatterbox_to_onnx_conversion_script.py).
 */
const MAX_REFERENCE_SECONDS = 10;
/** Shorter than this, the encoder yields almost no prompt tokens. */
const MIN_REFERENCE_SECONDS = 0.5;

export async function loadReferenceAudio(path: string): Promise<Float32Array> {
  const clip = await probeClip(new Uint8Array(await readFile(path)));
  return prepareReferenceAudio(clip.samples, clip.sampleRate);
}

function prepareReferenceAudio(samples: Float32Array, sampleRate: number): Float32Array {
  const at24k = resample(samples, sampleRate, SAMPLE_RATE_HZ);
  const voiced = limitDuration(trimSilence(at24k, SAMPLE_RATE_HZ), SAMPLE_RATE_HZ, MAX_REFERENCE_SECONDS);
  if (voiced.length < MIN_REFERENCE_SECONDS * SAMPLE_RATE_HZ) {
    throw new InvalidAudioError(`The clip has less than ${MIN_REFERENCE_SECONDS} s of audible voice.`, { code: 'clip_too_quiet' });
  }
  return correctLevel(Float32Array.from(voiced));
}
