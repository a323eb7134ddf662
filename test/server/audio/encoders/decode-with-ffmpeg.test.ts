/**
 * Every format decoded by an independent decoder (Debian's ffmpeg): stream layout, duration
 * against the input, waveform, and streamed output against the one-shot file.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { floatToPcm16 } from '../../../../server/audio/pcm16.ts';
import { createStreamEncoder, encode, FORMAT_DESCRIPTORS } from '../../../../server/audio/encoders/formats.ts';
import type { AudioFormat } from '../../../../server/shared/audio-format.ts';
import { SAMPLE_RATE_HZ } from '../../../../server/shared/audio-constants.ts';
import { decode, probe } from './ffmpeg-decoder.ts';
import { ffmpegSkip } from '../../../support/requirements.ts';
import { align, speechLikeSignal } from './test-signals.ts';

interface Expectation {
  codec: string;
  /** Rate ffmpeg decodes at: Opus always decodes at 48 kHz. */
  decodedRate: number;
  lossless: boolean;
  /**
   * Extra decoded samples allowed at 24 kHz: priming and last-frame padding that the container
   * cannot signal (MP3 without a LAME tag, ADTS). Opus and FLAC trim exactly.
   */
  paddingSamples: number;
  /** Codec delay range the decoded waveform may trail the input by. */
  delay: readonly [number, number];
}

const EXPECTED: Record<AudioFormat, Expectation> = {
  wav: { codec: 'pcm_s16le', decodedRate: 24_000, lossless: true, paddingSamples: 0, delay: [0, 0] },
  pcm: { codec: 'pcm_s16le', decodedRate: 24_000, lossless: true, paddingSamples: 0, delay: [0, 0] },
  flac: { codec: 'flac', decodedRate: 24_000, lossless: true, paddingSamples: 0, delay: [0, 0] },
  // LAME: 576 samples of encoder delay + 529 of decoder delay (1105), then last-frame padding.
  mp3: { codec: 'mp3', decodedRate: 24_000, lossless: false, paddingSamples: 2_400, delay: [1_000, 1_200] },
  // Pre-skip trims the look-ahead exactly, so the waveform lines up with the input.
  opus: { codec: 'opus', decodedRate: 48_000, lossless: false, paddingSamples: 0, delay: [0, 1] },
  // 1024 samples of priming plus padding of the last 1024-sample frame.
  aac: { codec: 'aac', decodedRate: 24_000, lossless: false, paddingSamples: 2_400, delay: [1_000, 1_100] },
};

const INPUT = speechLikeSignal(1.5);
const INPUT_PCM = floatToPcm16(INPUT);
/** Uneven pushes: a single sample, less than one codec frame, more than several, an empty one. */
const PUSH_SIZES = [1, 479, 4_096, 0, 10_000, 333];
/** Lossy output must still be the same waveform (normalized cross-correlation). */
const MIN_CORRELATION = 0.9;
/** Most audio a push may hold back: a FLAC block (4096) is the largest; MP3 holds LAME's look-ahead. */
const MAX_HELD_BACK_SAMPLES = 4_800;

async function encodeInPushes(format: AudioFormat, samples: Float32Array): Promise<Uint8Array> {
  const encoder = createStreamEncoder(format);
  const parts: Uint8Array[] = [];
  let offset = 0;
  try {
    for (const size of [...PUSH_SIZES, samples.length - PUSH_SIZES.reduce((sum, size) => sum + size, 0)]) {
      parts.push(await encoder.push(samples.subarray(offset, offset + size)));
      offset += size;
    }
    parts.push(await encoder.end());
  } finally {
    encoder.abort(); // no-op after end(); frees the codec if a push failed
  }
  return Buffer.concat(parts);
}

function decodeAt24k(bytes: Uint8Array, format: AudioFormat): Int16Array {
  return decode(bytes, FORMAT_DESCRIPTORS.find((descriptor) => descriptor.format === format)!.extension, SAMPLE_RATE_HZ);
}

describe('encoded formats decoded by ffmpeg', { skip: ffmpegSkip() }, () => {
  for (const { format, extension } of FORMAT_DESCRIPTORS) {
    const expected = EXPECTED[format];

    describe(format, () => {
      let oneShot: Uint8Array;

      it(`one-shot ${format} is one mono ${expected.codec} stream at ${expected.decodedRate} Hz`, async () => {
        oneShot = await encode(INPUT, format);

        assert.deepEqual(probe(oneShot, extension), { codec: expected.codec, sampleRate: expected.decodedRate, channels: 1 });
      });

      it(`one-shot ${format} decodes to the input's duration`, () => {
        const decoded = decode(oneShot, extension);
        const inputSamplesAtDecodedRate = (INPUT.length * expected.decodedRate) / SAMPLE_RATE_HZ;
        const extra = decoded.length - inputSamplesAtDecodedRate;

        assert.ok(extra >= 0 && extra <= (expected.paddingSamples * expected.decodedRate) / SAMPLE_RATE_HZ,
          `decoded ${decoded.length} samples for ${inputSamplesAtDecodedRate} in`);
      });

      it(`one-shot ${format} decodes to the input waveform`, () => {
        const decoded = decodeAt24k(oneShot, format);

        if (expected.lossless) {
          assert.deepEqual(decoded, INPUT_PCM);
          return;
        }
        const { lag, correlation } = align(INPUT_PCM, decoded, 2_000);
        assert.ok(correlation >= MIN_CORRELATION, `correlation ${correlation.toFixed(3)} at lag ${lag}`);
        assert.ok(lag >= expected.delay[0] && lag <= expected.delay[1], `waveform trails the input by ${lag} samples`);
      });

      it(`${format} streamed in uneven pushes decodes like the one-shot file`, async () => {
        const whole = await encodeInPushes(format, INPUT);
        const streamed = decodeAt24k(whole, format);
        const reference = decodeAt24k(oneShot, format);

        assert.deepEqual(probe(whole, extension), probe(oneShot, extension));
        assert.equal(streamed.length, reference.length);
        if (expected.lossless) assert.deepEqual(streamed, INPUT_PCM);
        else assert.ok(align(reference, streamed, 0).correlation > 0.99);
      });

      it(`${format} returns each push's audio from that push, before end()`, async () => {
        const encoder = createStreamEncoder(format);
        const sent: Uint8Array[] = [];
        try {
          for (const until of [SAMPLE_RATE_HZ, INPUT.length]) {
            const pushedBefore = sent.length === 0 ? 0 : SAMPLE_RATE_HZ;
            sent.push(await encoder.push(INPUT.subarray(pushedBefore, until)));
            const decoded = decodeAt24k(Buffer.concat(sent), format);

            assert.ok(decoded.length >= until - MAX_HELD_BACK_SAMPLES, `${decoded.length} of ${until} samples sent so far`);
          }
        } finally {
          encoder.abort();
        }
      });
    });
  }
});
