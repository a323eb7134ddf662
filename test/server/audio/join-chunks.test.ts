import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHUNK_PAUSE_SECONDS, concatSamples, fadeEdges, joinedLength, pauseSamples, prepareChunk } from '../../../server/audio/join-chunks.ts';

describe('joining chunks', () => {
  it('makes the joined length the sum of chunks plus one pause between each two', () => {
    const rate = 24_000;
    const chunks = [new Float32Array(1000).fill(0.5), new Float32Array(500).fill(0.5), new Float32Array(700).fill(0.5)];
    const pause = pauseSamples(rate);
    const joined = concatSamples(chunks.map((c, i) => prepareChunk(c, rate, i < chunks.length - 1 ? pause : 0)));
    assert.equal(pause, CHUNK_PAUSE_SECONDS * rate);
    assert.equal(joined.length, joinedLength([1000, 500, 700], pause));
    assert.equal(joined.length, 2200 + 2 * pause);
  });

  it('fades both edges to zero without changing the length or the middle', () => {
    const out = fadeEdges(new Float32Array(100).fill(1), 10);
    assert.equal(out.length, 100);
    assert.equal(out[0], 0);
    assert.ok(out[99]! < 0.03);
    assert.ok(out[5]! > 0.3 && out[5]! < 0.8);
    assert.equal(out[50], 1);
  });

  it('keeps neighbouring samples close across a join (no click)', () => {
    const rate = 24_000;
    const loud = new Float32Array(2400).fill(0.9);
    const joined = concatSamples([prepareChunk(loud, rate, 0), prepareChunk(loud, rate, 0)]);
    let maxStep = 0;
    for (let i = 1; i < joined.length; i++) maxStep = Math.max(maxStep, Math.abs(joined[i]! - joined[i - 1]!));
    assert.ok(maxStep < 0.01, `largest step ${maxStep}`);
  });

  it('handles an empty chunk', () => {
    assert.equal(prepareChunk(new Float32Array(0), 24_000, 10).length, 10);
  });
});
