/**
 * Serializes a GraphSpec to ONNX protobuf bytes with onnx-buf (see
 * shared/reference/onnx-fixtures.md: IR 8 + opset 17 loads on every recent onnxruntime).
 * The only file that touches the protobuf schema.
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
  type AttributeProto,
  type TensorProto,
} from 'onnx-buf';
import type { TensorElementType } from '../contract.ts';
import type { AttributeValue, GraphSpec, Initializer, ValueSpec } from './graph-builder.ts';

const IR_VERSION = 8n;
const OPSET_VERSION = 17n;

const DATA_TYPE: Record<TensorElementType, number> = { float32: 1, int64: 7, float16: 10 };
const ATTRIBUTE_TYPE = { float: 1, int: 2, tensor: 4, ints: 7 } as const;

export function encodeModel(graph: GraphSpec): Uint8Array {
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
      initializer: graph.initializers.map(tensor),
      input: graph.inputs.map(valueInfo),
      output: graph.outputs.map(valueInfo),
    }),
  });
  return toBinary(ModelProtoSchema, model);
}

function tensor(init: Omit<Initializer, 'name'> & { name?: string }): TensorProto {
  const bytes = new Uint8Array(init.data.buffer, init.data.byteOffset, init.data.byteLength);
  return create(TensorProtoSchema, {
    name: init.name ?? '',
    dims: init.dims.map((d) => BigInt(d)),
    dataType: DATA_TYPE[init.type],
    rawData: Uint8Array.from(bytes),
  });
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
