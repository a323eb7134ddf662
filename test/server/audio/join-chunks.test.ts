import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { concatSamples, fadeEdges, joinedLength, pauseSamples, prepareChunk } from '../../../server/audio/join-chunks.ts';

describe('joining chunks', () => {
  it('makes the joined length the leading pause, the chunks, and each pause between two chunks', () => {
    const rate = 24_000;
    const chunks = [new Float32Array(1000).fill(0.5), new Float32Array(500).fill(0.5), new Float32Array(700).fill(0.5)];
    const pauses = [pauseSamples(150, rate), pauseSamples(600, rate), pauseSamples(500, rate)];
    const lead = pauseSamples(250, rate);
    const joined = concatSamples(chunks.map((c, i) => prepareChunk(c, rate, i < chunks.length - 1 ? pauses[i]! : 0, i === 0 ? lead : 0)));
    assert.deepEqual(pauses, [3600, 14_400, 12_000]);
    assert.equal(joined.length, joinedLength([1000, 500, 700], pauses, lead));
    assert.equal(joined.length, 6000 + 2200 + 3600 + 14_400);
    assert.ok(joined.subarray(0, lead).every((s) => s === 0));
    assert.ok(joined[lead + 500]! > 0.4);
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
