import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SPEECH_VOCAB_SIZE, TOKENS } from '../../../../models/contract.ts';
import {
  applyMinP,
  applyRepetitionPenalty,
  applyTemperature,
  applyTopP,
  combineCfg,
  maskImpossibleTokens,
  sampleIndex,
  softmax,
} from '../../../../server/engine/sampling/logits-processors.ts';

const close = (actual: ArrayLike<number>, expected: number[]) =>
  expected.forEach((e, i) => assert.ok(Math.abs(actual[i]! - e) < 1e-6, `index ${i}: ${actual[i]} vs ${e}`));

describe('logits processors', () => {
  it('combines CFG rows as cond + w * (cond - uncond)', () => {
    const out = combineCfg(Float32Array.of(2, 0, -1), Float32Array.of(1, 1, -1), 0.5);
    close(out, [2.5, -0.5, -1]);
  });

  it('masks START_SPEECH and every id above the stop token, keeping speech codes and stop', () => {
    const logits = maskImpossibleTokens(new Float32Array(SPEECH_VOCAB_SIZE).fill(1));
    assert.equal(logits[TOKENS.startSpeech], -Infinity);
    assert.equal(logits[TOKENS.stopSpeech], 1);
    assert.equal(logits[6560], 1);
    assert.equal(logits[0], 1);
    assert.ok(logits.subarray(TOKENS.stopSpeech + 1).every((v) => v === -Infinity));
  });

  it('divides positive and multiplies negative logits of seen ids by the repetition penalty', () => {
    const out = applyRepetitionPenalty(Float32Array.of(4, -2, 3), new Set([0, 1]), 2);
    close(out, [2, -4, 3]);
  });

  it('scales logits by 1 / temperature', () => {
    close(applyTemperature(Float32Array.of(1, -2), 0.5), [2, -4]);
  });

  it('turns logits into probabilities that sum to one, ignoring masked ids', () => {
    const probs = softmax(Float32Array.of(0, Math.log(3), -Infinity));
    close(probs, [0.25, 0.75, 0]);
  });

  it('min_p drops ids below min_p times the top probability', () => {
    const probs = applyMinP(Float32Array.of(0.5, 0.3, 0.04, 0.16), 0.1);
    close(probs, [0.5, 0.3, 0, 0.16]);
  });

  it('top_p keeps the smallest top set reaching the mass, including the id that crosses it', () => {
    close(applyTopP(Float32Array.of(0.1, 0.5, 0.15, 0.25), 0.7), [0, 0.5, 0, 0.25]);
    close(applyTopP(Float32Array.of(0.1, 0.5, 0.15, 0.25), 0.74), [0, 0.5, 0, 0.25]);
    close(applyTopP(Float32Array.of(0.1, 0.5, 0.15, 0.25), 0.76), [0, 0.5, 0.15, 0.25]);
  });

  it('top_p 1 keeps every id', () => {
    close(applyTopP(Float32Array.of(0.1, 0.9), 1), [0.1, 0.9]);
  });

  it('samples in proportion to the weights and never picks a zero weight', () => {
    const weights = Float32Array.of(0, 1, 0, 3);
    assert.equal(sampleIndex(weights, () => 0), 1);
    assert.equal(sampleIndex(weights, () => 0.24), 1);
    assert.equal(sampleIndex(weights, () => 0.26), 3);
    assert.equal(sampleIndex(weights, () => 0.999999), 3);
  });
});
