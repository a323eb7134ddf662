/**
 * Serializes a GraphSpec to ONNX protobuf bytes with onnx-buf (IR 8 + opset 17 loads on every
 * recent onnxruntime). Large float initializers can go to an external-data sidecar, the way
 * the real export stores its weights (`<graph>.onnx_data`, referenced by file name).
 */
import { create, toBinary } from '@bufbuild/protobuf';
import {
  AttributeProtoSchema,
  GraphProtoSchema,
  ModelProtoSchema,
  NodeProtoSchema,
  OperatorSetIdProtoSchema,
  TensorProtoSchema,
  TensorShapeProto_DimensionSchema,
  TensorShapeProtoSchema,
  TypeProto_TensorSchema,
  TypeProtoSchema,
  ValueInfoProtoSchema,
  StringStringEntryProtoSchema,
  TensorProto_DataLocation,
  type AttributeProto,
  type TensorProto,
} from 'onnx-buf';
import type { TensorElementType } from '../contract.ts';
import type { AttributeValue, GraphSpec, Initializer, ValueSpec } from './graph-builder.ts';

const IR_VERSION = 8n;
const OPSET_VERSION = 17n;

const DATA_TYPE: Record<TensorElementType, number> = { float32: 1, int64: 7, float16: 10 };
const ATTRIBUTE_TYPE = { float: 1, int: 2, tensor: 4, ints: 7 } as const;

export interface ExternalDataOptions {
  /** Sidecar file name, resolved by onnxruntime next to the .onnx file. */
  location: string;
  /** Float initializers of at least this many bytes go to the sidecar (small shape constants must stay inline). */
  minBytes: number;
}

export interface EncodedModel {
  model: Uint8Array;
  /** Sidecar bytes when `externalData` was asked for and some initializer went there. */
  data?: Uint8Array;
}

/** Sidecar offsets are aligned like the real export's (onnxruntime does not require it). */
const EXTERNAL_ALIGNMENT = 64;

export function encodeModel(graph: GraphSpec): Uint8Array {
  return encodeModelWithData(graph).model;
}

/** Encodes the model, moving big float initializers to a sidecar when `externalData` is given. */
export function encodeModelWithData(graph: GraphSpec, externalData?: ExternalDataOptions): EncodedModel {
  const sidecar = new SidecarBuilder();
  const initializers = graph.initializers.map((init) => {
    const goesOut = externalData !== undefined && init.type !== 'int64' && init.data.byteLength >= externalData.minBytes;
    return goesOut ? externalTensor(init, externalData.location, sidecar.append(bytesOf(init.data))) : tensor(init);
  });
  const model = create(ModelProtoSchema, {
    irVersion: IR_VERSION,
    producerName: 'chatterbox-tiny',
    opsetImport: [create(OperatorSetIdProtoSchema, { domain: '', version: OPSET_VERSION })],
    graph: create(GraphProtoSchema, {
      name: graph.name,
      node: graph.nodes.map((node) =>
        create(NodeProtoSchema, {
          opType: node.op,
          name: node.name,
          input: node.inputs,
          output: node.outputs,
          attribute: Object.entries(node.attributes).map(([name, value]) => attribute(name, value)),
        }),
      ),
      initializer: initializers,
      input: graph.inputs.map(valueInfo),
      output: graph.outputs.map(valueInfo),
    }),
  });
  const data = sidecar.bytes();
  return { model: toBinary(ModelProtoSchema, model), ...(data.byteLength > 0 ? { data } : {}) };
}

function bytesOf(data: Initializer['data']): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function tensor(init: Omit<Initializer, 'name'> & { name?: string }): TensorProto {
  return create(TensorProtoSchema, {
    name: init.name ?? '',
    dims: init.dims.map((d) => BigInt(d)),
    dataType: DATA_TYPE[init.type],
    rawData: Uint8Array.from(bytesOf(init.data)),
  });
}

function externalTensor(init: Initializer, location: string, placed: { offset: number; length: number }): TensorProto {
  const entry = (key: string, value: string | number) => create(StringStringEntryProtoSchema, { key, value: String(value) });
  return create(TensorProtoSchema, {
    name: init.name,
    dims: init.dims.map((d) => BigInt(d)),
    dataType: DATA_TYPE[init.type],
    dataLocation: TensorProto_DataLocation.EXTERNAL,
    externalData: [entry('location', location), entry('offset', placed.offset), entry('length', placed.length)],
  });
}

/** Collects sidecar chunks at aligned offsets. */
class SidecarBuilder {
  private readonly chunks: Array<{ offset: number; bytes: Uint8Array }> = [];
  private size = 0;

  append(bytes: Uint8Array): { offset: number; length: number } {
    const offset = Math.ceil(this.size / EXTERNAL_ALIGNMENT) * EXTERNAL_ALIGNMENT;
    this.chunks.push({ offset, bytes });
    this.size = offset + bytes.byteLength;
    return { offset, length: bytes.byteLength };
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.size);
    for (const chunk of this.chunks) out.set(chunk.bytes, chunk.offset);
    return out;
  }
}

function attribute(name: string, value: AttributeValue): AttributeProto {
  switch (value.kind) {
    case 'int':
      return create(AttributeProtoSchema, { name, type: ATTRIBUTE_TYPE.int, i: BigInt(value.value) });
    case 'ints':
      return create(AttributeProtoSchema, { name, type: ATTRIBUTE_TYPE.ints, ints: value.value.map((v) => BigInt(v)) });
    case 'float':
      return create(AttributeProtoSchema, { name, type: ATTRIBUTE_TYPE.float, f: value.value });
    case 'tensor':
      return create(AttributeProtoSchema, { name, type: ATTRIBUTE_TYPE.tensor, t: tensor(value.value) });
  }
}

function valueInfo(value: ValueSpec) {
  return create(ValueInfoProtoSchema, {
    name: value.name,
    type: create(TypeProtoSchema, {
      value: {
        case: 'tensorType',
        value: create(TypeProto_TensorSchema, {
          elemType: DATA_TYPE[value.type],
          shape: create(TensorShapeProtoSchema, {
            dim: value.shape.map((d) =>
              create(TensorShapeProto_DimensionSchema, {
                value: typeof d === 'number' ? { case: 'dimValue', value: BigInt(d) } : { case: 'dimParam', value: d },
              }),
            ),
          }),
        }),
      },
    }),
  });
}
