/**
 * A small, encoder-independent description of an ONNX graph plus a builder that names
 * intermediate values. Kept free of protobuf types so the serializer (onnx-writer.ts)
 * is the only file that knows the wire format.
 */
import type { Dim, TensorElementType } from '../contract.ts';

export type InitializerData = Float32Array | BigInt64Array | Uint16Array;

export interface Initializer {
  name: string;
  type: TensorElementType;
  dims: number[];
  data: InitializerData;
}

export type AttributeValue =
  | { kind: 'int'; value: number }
  | { kind: 'ints'; value: number[] }
  | { kind: 'float'; value: number }
  | { kind: 'tensor'; value: Omit<Initializer, 'name'> };

interface NodeSpec {
  op: string;
  name: string;
  inputs: string[];
  outputs: string[];
  attributes: Record<string, AttributeValue>;
}

export interface ValueSpec {
  name: string;
  type: TensorElementType;
  shape: readonly Dim[];
}

export interface GraphSpec {
  name: string;
  inputs: ValueSpec[];
  outputs: ValueSpec[];
  nodes: NodeSpec[];
  initializers: Initializer[];
}

type AttrInput = number | number[] | { tensor: Omit<Initializer, 'name'> };

/** Builds a GraphSpec; every helper returns the name of the value it produced. */
export class GraphBuilder {
  readonly spec: GraphSpec;
  private counter = 0;

  constructor(name: string) {
    this.spec = { name, inputs: [], outputs: [], nodes: [], initializers: [] };
  }

  input(name: string, type: TensorElementType, shape: readonly Dim[]): string {
    this.spec.inputs.push({ name, type, shape });
    return name;
  }

  output(name: string, type: TensorElementType, shape: readonly Dim[]): void {
    this.spec.outputs.push({ name, type, shape });
  }

  /** A float32 constant, 1-D unless dims are given (`[]` for a scalar). */
  f32(values: number[] | Float32Array, dims?: number[]): string {
    const data = values instanceof Float32Array ? values : Float32Array.from(values);
    return this.initializer('float32', data, dims ?? [data.length]);
  }

  /** An int64 constant, 1-D unless dims are given (`[]` for a scalar). */
  i64(values: number[], dims?: number[]): string {
    const data = BigInt64Array.from(values.map((v) => BigInt(v)));
    return this.initializer('int64', data, dims ?? [values.length]);
  }

  initializer(type: TensorElementType, data: InitializerData, dims: number[], name = `const_${this.counter++}`): string {
    this.spec.initializers.push({ name, type, dims, data });
    return name;
  }

  /** Adds a node with one output and returns that output's name (or `outputName` when given). */
  op(op: string, inputs: string[], attributes: Record<string, AttrInput> = {}, outputName?: string): string {
    const output = outputName ?? `${op.toLowerCase()}_${this.counter++}`;
    this.spec.nodes.push({
      op,
      name: `${op}_${this.counter++}`,
      inputs,
      outputs: [output],
      attributes: toAttributes(attributes),
    });
    return output;
  }
}

function toAttributes(attributes: Record<string, AttrInput>): Record<string, AttributeValue> {
  const result: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (Array.isArray(value)) result[key] = { kind: 'ints', value };
    else if (typeof value === 'number') {
      result[key] = Number.isInteger(value) && !FLOAT_ATTRIBUTES.has(key) ? { kind: 'int', value } : { kind: 'float', value };
    } else result[key] = { kind: 'tensor', value: value.tensor };
  }
  return result;
}

/** Attributes that are floats even when the value happens to be whole. */
const FLOAT_ATTRIBUTES = new Set(['alpha', 'beta', 'epsilon', 'seed', 'scale', 'mean']);
