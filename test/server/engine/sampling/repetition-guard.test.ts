import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findRunawayCut } from '../../../../server/engine/sampling/repetition-guard.ts';

describe('findRunawayCut', () => {
  it('cuts a period-4 loop spanning the minimum back to one copy', () => {
    const intro = [1, 2, 3];
    const loop = Array.from({ length: 52 }, (_, i) => 100 + (i % 4));
    assert.equal(findRunawayCut([...intro, ...loop], { minSpan: 50 }), intro.length + 52 - 52 + 4);
  });

  it('leaves a stream alone until the repeated tail is long enough', () => {
    const loop = Array.from({ length: 40 }, (_, i) => 100 + (i % 4));
    assert.equal(findRunawayCut(loop, { minSpan: 50 }), undefined);
  });

  it('catches one token repeated over the whole span', () => {
    assert.equal(findRunawayCut([5, ...new Array(50).fill(9)], { minSpan: 50 }), 2);
  });

  it('ignores non-repeating speech', () => {
    assert.equal(findRunawayCut(Array.from({ length: 200 }, (_, i) => (i * 101) % 6500)), undefined);
  });
});
