import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SPEED_LIMITS, timeStretch } from '../../../server/audio/time-stretch.ts';

const RATE = 24_000;
const TONE_HZ = 220;

function tone(seconds: number, hz = TONE_HZ): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE));
  for (let i = 0; i < out.length; i += 1) out[i] = 0.5 * Math.sin((2 * Math.PI * hz * i) / RATE);
  return out;
}

/** Upward zero crossings per second over the middle half (edges carry the fades). */
function pitchOf(samples: Float32Array): number {
  const start = Math.floor(samples.length / 4);
  const end = Math.floor((3 * samples.length) / 4);
  let crossings = 0;
  for (let i = start + 1; i < end; i += 1) if (samples[i - 1]! < 0 && samples[i]! >= 0) crossings += 1;
  return crossings / ((end - start) / RATE);
}

function rms(samples: Float32Array): number {
  return Math.sqrt(samples.reduce((sum, value) => sum + value * value, 0) / samples.length);
}

describe('timeStretch', () => {
  it('returns the input unchanged at speed 1', () => {
    const input = tone(0.5);
    assert.equal(timeStretch(input, RATE, 1), input);
  });

  for (const speed of [0.25, 0.5, 1.5, 2, 4]) {
    it(`makes audio 1/${speed} as long at speed ${speed} and keeps its pitch`, () => {
      const input = tone(2);
      const output = timeStretch(input, RATE, speed);
      assert.equal(output.length, Math.round(input.length / speed));
      assert.ok(Math.abs(pitchOf(output) - TONE_HZ) < TONE_HZ * 0.03, `pitch ${pitchOf(output)} Hz`);
      // No dropouts: the stretched tone keeps nearly the loudness of the original.
      assert.ok(rms(output) > rms(input) * 0.9, `rms ${rms(output)} vs ${rms(input)}`);
    });
  }

  it('refuses speeds outside the OpenAI range', () => {
    assert.throws(() => timeStretch(tone(0.1), RATE, SPEED_LIMITS.max + 0.1), RangeError);
    assert.throws(() => timeStretch(tone(0.1), RATE, SPEED_LIMITS.min - 0.01), RangeError);
  });
});
