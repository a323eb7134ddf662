/** Small helpers shared by the tiny graph builders. */
import { HIDDEN_SIZE, type GraphContract, type TensorElementType } from '../../contract.ts';
import type { GraphBuilder } from '../../onnx/graph-builder.ts';

/**
 * Declares the graph's inputs and outputs exactly as the contract lists them, with the first
 * accepted dtype unless `types` overrides one by name (for the float16 KV-cache variant).
 */
export function addContractIo(g: GraphBuilder, contract: GraphContract, types: Record<string, TensorElementType>): void {
  for (const input of contract.inputs) g.input(input.name, types[input.name] ?? input.types[0]!, input.shape);
  for (const output of contract.outputs) g.output(output.name, types[output.name] ?? output.types[0]!, output.shape);
}

/** A HIDDEN_SIZE vector with a single 1 at `index`. */
export function unitVector(index: number): Float32Array {
  const v = new Float32Array(HIDDEN_SIZE);
  v[index] = 1;
  return v;
}

/** Shape(x)[start:end] as an int64 1-D tensor. */
export function shapeSlice(g: GraphBuilder, value: string, start: number, end: number): string {
  return g.op('Shape', [value], { start, end });
}

/** A 1-D int64 shape tensor turned into a rank-0 scalar (Range needs scalars). */
export function toScalar(g: GraphBuilder, value: string): string {
  return g.op('Squeeze', [value, g.i64([0])]);
}
