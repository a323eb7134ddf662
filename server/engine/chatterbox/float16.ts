/**
 * float32 <-> IEEE half conversions for the fp16/q4f16 graphs: onnxruntime-node takes float16
 * tensors as Uint16Array bit patterns, and Node 20 has no Float16Array of its own.
 */
import { getFloat16, setFloat16 } from '@petamoriken/float16';

export function toFloat16(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) setFloat16(view, i * 2, values[i]!, true);
  return out;
}

export function fromFloat16(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  const view = new DataView(bits.buffer, bits.byteOffset, bits.byteLength);
  for (let i = 0; i < bits.length; i++) out[i] = getFloat16(view, i * 2, true);
  return out;
}
