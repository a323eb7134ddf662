import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resample } from '../../../server/audio/resample.ts';

const tone = (hz: number, rate: number, seconds: number) => Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / rate));

/** Zero crossings per second / 2 = frequency of a pure tone. */
function frequencyOf(samples: Float32Array, rate: number): number {
  let crossings = 0;
  for (let i = 1; i < samples.length; i++) if (samples[i - 1]! < 0 !== samples[i]! < 0) crossings++;
  return crossings / 2 / (samples.length / rate);
}

describe('resample', () => {
  it('converts 44.1 kHz to 24 kHz keeping duration and pitch', () => {
    const out = resample(tone(440, 44_100, 1), 44_100, 24_000);
    assert.ok(Math.abs(out.length - 24_000) <= 1, `${out.length}`);
    assert.ok(Math.abs(frequencyOf(out, 24_000) - 440) < 3);
  });

  it('upsamples 16 kHz to 24 kHz', () => {
    const out = resample(tone(300, 16_000, 0.5), 16_000, 24_000);
    assert.ok(Math.abs(out.length - 12_000) <= 1);
    assert.ok(Math.abs(frequencyOf(out, 24_000) - 300) < 3);
  });

  it('filters content above the new Nyquist frequency when downsampling', () => {
    const out = resample(tone(15_000, 48_000, 0.5), 48_000, 24_000);
    const rms = Math.sqrt(out.reduce((s, v) => s + v * v, 0) / out.length);
    assert.ok(rms < 0.05, `rms ${rms}`);
  });

  it('returns the input when the rate already matches', () => {
    const input = tone(100, 24_000, 0.1);
    assert.equal(resample(input, 24_000, 24_000), input);
  });
});
