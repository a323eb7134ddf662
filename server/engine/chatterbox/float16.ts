/**
 * float32 <-> IEEE half conversions for the fp16/q4f16 graphs: onnxruntime-node takes float16
 * tensors as Uint16Array bit patterns, and Node 20 has no Float16Array of its own.
 * Decoding (two 8194-wide logits rows per step on an fp16-output graph) reads a 65,536-entry
 * table filled once by the library, about 100 times faster than a DataView call per value.
 */
import { getFloat16, setFloat16 } from '@petamoriken/float16';

let halfToFloat: Float32Array | undefined;

function decodeTable(): Float32Array {
  if (halfToFloat) return halfToFloat;
  const table = new Float32Array(65536);
  const view = new DataView(new ArrayBuffer(2));
  for (let bits = 0; bits < 65536; bits++) {
    view.setUint16(0, bits, true);
    table[bits] = getFloat16(view, 0, true);
  }
  return (halfToFloat = table);
}

export function toFloat16(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) setFloat16(view, i * 2, values[i]!, true);
  return out;
}

export function fromFloat16(bits: Uint16Array): Float32Array {
  const table = decodeTable();
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = table[bits[i]!]!;
  return out;
}
