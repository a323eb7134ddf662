/**
 * What an upload's container header declares (channels, sample rate, duration), read with
 * mediabunny before anything is decoded: a few hundred KB can declare 65,535 channels or an
 * hour of audio, and decoding them first would cost gigabytes (issue 15, decode bombs).
 */
import { ALL_FORMATS, BufferSource, Input } from 'mediabunny';
import { InvalidAudioError } from '../shared/errors/invalid-audio-error.ts';

export interface ClipHeader {
  channels: number;
  sampleRate: number;
  /** Null when the container does not say. */
  durationSeconds: number | null;
}

export interface ClipHeaderLimits {
  /** Longest clip accepted, in seconds. */
  maxSeconds: number;
}

/** More channels than any microphone recording has; a voice clip is mixed to mono anyway. */
const MAX_CLIP_CHANNELS = 8;
const MAX_CLIP_SAMPLE_RATE_HZ = 384_000;
const MIN_CLIP_SAMPLE_RATE_HZ = 1000;
/** Largest decoded size (float32, every channel) a clip may reach: the memory one upload may cost. */
const MAX_DECODED_CLIP_BYTES = 256 * 1024 * 1024;
const BYTES_PER_SAMPLE = 4;
/** A header may round; the decoded length is checked against the exact limit afterwards. */
const DURATION_SLACK_SECONDS = 1;

/** The header's declarations, or null when mediabunny does not know the container (the decoder then decides). */
export async function readClipHeader(bytes: Uint8Array): Promise<ClipHeader | null> {
  const input = new Input({ source: new BufferSource(bytes), formats: ALL_FORMATS });
  try {
    const track = await input.getPrimaryAudioTrack();
    if (track === null) return null;
    const duration = await input.computeDuration().catch(() => null);
    return { channels: track.numberOfChannels, sampleRate: track.sampleRate, durationSeconds: duration !== null && Number.isFinite(duration) ? duration : null };
  } catch {
    return null;
  } finally {
    input.dispose();
  }
}

/** Refuses (422) a clip whose header declares more than a voice clip can be, before it is decoded. */
export function checkClipHeader(header: ClipHeader, limits: ClipHeaderLimits): void {
  const { channels, sampleRate, durationSeconds } = header;
  if (!Number.isInteger(channels) || channels < 1 || channels > MAX_CLIP_CHANNELS) {
    throw new InvalidAudioError(`The file declares ${channels} channels; at most ${MAX_CLIP_CHANNELS} are accepted.`, { code: 'too_many_channels' });
  }
  if (!(sampleRate >= MIN_CLIP_SAMPLE_RATE_HZ && sampleRate <= MAX_CLIP_SAMPLE_RATE_HZ)) {
    throw new InvalidAudioError(`The file declares a sample rate of ${sampleRate} Hz; ${MIN_CLIP_SAMPLE_RATE_HZ}–${MAX_CLIP_SAMPLE_RATE_HZ} Hz are accepted.`, {
      code: 'unsupported_sample_rate',
    });
  }
  if (durationSeconds === null) return;
  if (durationSeconds > limits.maxSeconds + DURATION_SLACK_SECONDS) {
    throw new InvalidAudioError(`The file declares ${durationSeconds.toFixed(1)} s of audio; at most ${limits.maxSeconds} s are allowed.`, { code: 'clip_too_long' });
  }
  if (channels * sampleRate * durationSeconds * BYTES_PER_SAMPLE > MAX_DECODED_CLIP_BYTES) {
    throw new InvalidAudioError(`The file would decode to more than ${MAX_DECODED_CLIP_BYTES / 1024 / 1024} MB of samples.`, { code: 'clip_too_large' });
  }
}
