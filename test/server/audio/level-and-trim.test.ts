import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CLIPPING_PEAK, TARGET_PEAK, correctLevel, peakOf } from '../../../server/audio/level.ts';
import { SILENCE_MARGIN_SECONDS, limitDuration, trimSilence } from '../../../server/audio/trim.ts';

describe('correctLevel', () => {
  it('attenuates a clip that clips (peak 1.08, like the default voice) to the 0.3 target peak', () => {
    const out = correctLevel(Float32Array.of(0.2, -1.08, 0.5));
    assert.ok(Math.abs(peakOf(out) - TARGET_PEAK) < 1e-6);
    assert.ok(Math.abs(out[0]! - (0.2 * TARGET_PEAK) / 1.08) < 1e-6);
  });

  it('feeds a clip that does not clip as it is, like upstream, even a hot one', () => {
    const input = Float32Array.of(0.1, -0.95);
    assert.equal(correctLevel(input), input);
    assert.ok(CLIPPING_PEAK > 0.95);
  });

  it('treats a clip at 16-bit full scale as clipping', () => {
    assert.ok(Math.abs(peakOf(correctLevel(Float32Array.of(0.2, 32767 / 32768))) - TARGET_PEAK) < 1e-6);
  });
});

describe('trimSilence and limitDuration', () => {
  it('drops leading and trailing silence but keeps a short margin', () => {
    const rate = 1000;
    const samples = new Float32Array(3000);
    samples.fill(0.5, 1000, 2000);
    const out = trimSilence(samples, rate);
    assert.equal(out.length, 1000 + 2 * SILENCE_MARGIN_SECONDS * rate);
  });

  it('returns nothing for pure silence', () => {
    assert.equal(trimSilence(new Float32Array(100), 1000).length, 0);
  });

  it('cuts a clip to the maximum duration', () => {
    assert.equal(limitDuration(new Float32Array(24_000 * 12), 24_000, 10).length, 240_000);
  });
});
