import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_TARGET_LUFS, PEAK_CEILING, integratedLoudness, kWeightingFilters, normalizeLoudness } from '../../../server/audio/loudness.ts';
import { concatSamples } from '../../../server/audio/join-chunks.ts';
import { peakOf } from '../../../server/audio/level.ts';

const sine = (hz: number, amplitude: number, seconds: number, rate: number) =>
  Float32Array.from({ length: Math.round(seconds * rate) }, (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / rate));

const concat = (...parts: Float32Array[]): Float32Array => concatSamples(parts);

describe('integratedLoudness (ITU-R BS.1770-4)', () => {
  it('derives the standard K-weighting coefficients at 48 kHz', () => {
    const [shelf, highPass] = kWeightingFilters(48_000);
    const close = (a: number, b: number) => Math.abs(a - b) < 1e-8;
    // Table 1 and 2 of BS.1770-4.
    assert.ok([1.53512485958697, -2.69169618940638, 1.19839281085285].every((v, i) => close(shelf.b[i]!, v)));
    assert.ok([-1.69065929318241, 0.73248077421585].every((v, i) => close(shelf.a[i]!, v)));
    assert.deepEqual(highPass.b, [1, -2, 1]);
    assert.ok([-1.99004745483398, 0.99007225036621].every((v, i) => close(highPass.a[i]!, v)));
  });

  it('measures a 997 Hz mono sine at -20 dBFS peak as -23.0 LUFS, at 48 and 24 kHz', () => {
    for (const rate of [48_000, 24_000]) {
      const measured = integratedLoudness(sine(997, 0.1, 5, rate), rate);
      assert.ok(Math.abs(measured - -23.01) < 0.05, `${rate} Hz: ${measured}`);
    }
  });

  it('gates quiet passages out (EBU Tech 3341 case 3 in mono: -36/-23/-36 dBFS reads as the -23 part)', () => {
    const rate = 24_000;
    const quiet = sine(997, 10 ** (-36 / 20), 10, rate);
    const loud = sine(997, 10 ** (-23 / 20), 60, rate);
    const measured = integratedLoudness(concat(quiet, loud, quiet), rate);
    assert.ok(Math.abs(measured - (-23 - 3.01)) < 0.1, `${measured}`);
  });

  it('reads silence as -Infinity', () => {
    assert.equal(integratedLoudness(new Float32Array(24_000), 24_000), -Infinity);
  });
});

describe('normalizeLoudness', () => {
  it('scales speech-level audio to the target loudness', () => {
    const out = normalizeLoudness(sine(220, 0.05, 2, 24_000), 24_000, DEFAULT_TARGET_LUFS);
    assert.ok(Math.abs(integratedLoudness(out, 24_000) - DEFAULT_TARGET_LUFS) < 0.05);
  });

  it('stops at the -1 dBFS peak ceiling rather than clip', () => {
    const spiky = new Float32Array(24_000);
    spiky[100] = 0.5;
    const out = normalizeLoudness(spiky, 24_000, DEFAULT_TARGET_LUFS);
    assert.ok(Math.abs(peakOf(out) - PEAK_CEILING) < 1e-6);
  });

  it('returns silence unchanged', () => {
    const silence = new Float32Array(100);
    assert.equal(normalizeLoudness(silence, 24_000, DEFAULT_TARGET_LUFS), silence);
  });
});
