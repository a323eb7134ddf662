/**
 * Changes the tempo of speech without changing its pitch (the OpenAI `speed` parameter).
 * Uses SoundTouch's WSOLA stage (soundtouchjs, pure JS): it cuts the signal into short
 * overlapping windows and re-joins them where they correlate best, so voices keep their
 * timbre instead of sounding like a tape played faster.
 */
import { Stretch } from 'soundtouchjs';

/** Bounds of the OpenAI speech API; SoundTouch tunes its windows for exactly this range. */
export const SPEED_LIMITS = { min: 0.25, max: 4, default: 1 } as const;

/** Cross-fade between joined windows; SoundTouch's default. */
const OVERLAP_MS = 8;
/** 0 lets SoundTouch pick sequence and seek window lengths from the tempo. */
const AUTO = 0;
const STEREO = 2;

/**
 * Mono samples played `speed` times as fast: the result has round(n / speed) samples and the
 * same pitch. `speed` 1 returns the input unchanged.
 */
export function timeStretch(samples: Float32Array, sampleRate: number, speed: number): Float32Array {
  if (speed === 1 || samples.length === 0) return samples;
  if (!(speed >= SPEED_LIMITS.min && speed <= SPEED_LIMITS.max)) {
    throw new RangeError(`speed must be between ${SPEED_LIMITS.min} and ${SPEED_LIMITS.max}, got ${speed}`);
  }
  const stretch = new Stretch(true);
  stretch.setParameters(sampleRate, AUTO, AUTO, OVERLAP_MS);
  stretch.tempo = speed;
  // Silence on both sides: WSOLA may skip up to a seek window at the start and keeps up to
  // one input chunk buffered at the end; padding lets it emit every real sample.
  const padFrames = stretch.inputChunkSize;
  stretch.inputBuffer.putSamples(toStereo(samples, padFrames), 0, samples.length + 2 * padFrames);
  stretch.process();
  const skip = Math.round(padFrames / speed);
  const wanted = Math.round(samples.length / speed);
  const available = Math.max(0, Math.min(wanted, stretch.outputBuffer.frameCount - skip));
  const frames = new Float32Array((skip + available) * STEREO);
  stretch.outputBuffer.receiveSamples(frames, skip + available);
  const out = new Float32Array(wanted);
  for (let frame = 0; frame < available; frame += 1) out[frame] = frames[(skip + frame) * STEREO]!;
  return out;
}

/** SoundTouch works on interleaved stereo; mono goes into both channels, framed by silence. */
function toStereo(samples: Float32Array, padFrames: number): Float32Array {
  const out = new Float32Array((samples.length + 2 * padFrames) * STEREO);
  for (let index = 0; index < samples.length; index += 1) {
    const at = (padFrames + index) * STEREO;
    out[at] = samples[index]!;
    out[at + 1] = samples[index]!;
  }
  return out;
}
