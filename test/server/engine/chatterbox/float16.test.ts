import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getFloat16 } from '@petamoriken/float16';
import { fromFloat16, toFloat16 } from '../../../../server/engine/chatterbox/float16.ts';

describe('float16 conversions', () => {
  it('decodes every one of the 65,536 half bit patterns as the float16 library does', () => {
    const bits = Uint16Array.from({ length: 65536 }, (_, i) => i);
    const decoded = fromFloat16(bits);
    const view = new DataView(bits.buffer);
    for (let i = 0; i < bits.length; i++) {
      const expected = getFloat16(view, i * 2, true);
      assert.ok(Object.is(decoded[i], expected) || (Number.isNaN(decoded[i]) && Number.isNaN(expected)), `bits ${i}`);
    }
  });

  it('round-trips values that half precision holds exactly, and decodes a view at an offset', () => {
    const values = Float32Array.of(0, -0, 1, -2.5, 65504, 2 ** -24, Infinity);
    const halves = toFloat16(values);
    assert.deepEqual(fromFloat16(halves), values);
    assert.deepEqual(fromFloat16(halves.subarray(2, 4)), values.subarray(2, 4));
  });
});
