/** Small helpers shared by the tiny graph builders. */
import { HIDDEN_SIZE, type GraphContract, type TensorElementType } from '../../contract.ts';
import type { GraphBuilder } from '../../onnx/graph-builder.ts';

export interface ContractIoOptions {
  /** Element types overriding the contract's first accepted type, by tensor name (the float16 variants). */
  types?: Record<string, TensorElementType>;
  /** Symbolic dims declared as fixed sizes instead, by dim name (a language model fixed at batch 1). */
  fixedDims?: Record<string, number>;
}

/** Declares the graph's inputs and outputs exactly as the contract lists them, unless overridden. */
export function addContractIo(g: GraphBuilder, contract: GraphContract, options: ContractIoOptions = {}): void {
  const shape = (dims: readonly (number | string)[]) => dims.map((d) => (typeof d === 'string' ? (options.fixedDims?.[d] ?? d) : d));
  for (const input of contract.inputs) g.input(input.name, options.types?.[input.name] ?? input.types[0]!, shape(input.shape));
  for (const output of contract.outputs) g.output(output.name, options.types?.[output.name] ?? output.types[0]!, shape(output.shape));
}

/** A HIDDEN_SIZE vector with a single 1 at `index`. */
export function unitVector(index: number): Float32Array {
  const v = new Float32Array(HIDDEN_SIZE);
  v[index] = 1;
  return v;
}

/** A fixed, non-trivial direction for id/position content; zero on the first `reserved` (flag) components. */
export function contentPattern(reserved: number, frequency: number): Float32Array {
  const pattern = new Float32Array(HIDDEN_SIZE);
  for (let i = reserved; i < HIDDEN_SIZE; i++) pattern[i] = Math.sin(i * frequency) + 0.5;
  return pattern;
}

/** Shape(x)[start:end] as an int64 1-D tensor. */
export function shapeSlice(g: GraphBuilder, value: string, start: number, end: number): string {
  return g.op('Shape', [value], { start, end });
}

/** A 1-D int64 shape tensor turned into a rank-0 scalar (Range needs scalars). */
export function toScalar(g: GraphBuilder, value: string): string {
  return g.op('Squeeze', [value, g.i64([0])]);
}
