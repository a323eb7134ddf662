/**
 * Makes a graph's randomness reproducible: every RandomNormal(Like) / RandomUniform(Like) node is
 * replaced by a read from one new graph input, `noise_table` (float32 [n] standard normals that
 * the host draws from the job's seeded generator). Same table, same output.
 *
 * Why: the exported conditional_decoder draws the flow-matching start noise with
 * `torch.randn_like(mu)` (VladOS95-cyber/onnx_conversion_scripts,
 * chatterbox/chatterbox_to_onnx_conversion_script.py @98928fc, `ConditionalDecoder.forward`),
 * and HiFT's sine source adds `randn_like` noise (resemble-ai/chatterbox,
 * src/chatterbox/models/s3gen/hifigan.py @5de7a54, `SineGen.forward`), so onnxruntime returns a
 * different waveform on every run. The noise shapes depend on values computed inside the graph
 * (mel frames, samples), so the host cannot size one tensor per op; instead op k reads element
 * (i + k * stride) mod n of the table for its i-th value and reshapes to the shape the op would
 * have produced. Normals are scaled by the op's mean and scale; uniforms go through the normal
 * CDF (0.5 * (1 + erf(z / sqrt 2))), which maps a standard normal to a uniform exactly.
 * (An in-graph integer hash was tried first: without XOR, which opset 17 lacks for integers,
 * add/multiply mixers left lag-1 correlations of 0.1-0.4 between neighbouring values.)
 */
import { create } from '@bufbuild/protobuf';
import {
  AttributeProtoSchema,
  NodeProtoSchema,
  TensorProtoSchema,
  TensorShapeProto_DimensionSchema,
  TensorShapeProtoSchema,
  TypeProto_TensorSchema,
  TypeProtoSchema,
  ValueInfoProtoSchema,
  type ModelProto,
  type NodeProto,
  type TensorProto,
} from 'onnx-buf';
import { NOISE_TABLE_INPUT } from '../contract.ts';

const RANDOM_OPS = new Set(['RandomNormal', 'RandomNormalLike', 'RandomUniform', 'RandomUniformLike']);
/** Random ops this rewrite cannot express; a graph holding one stays as it is. */
const UNSUPPORTED_RANDOM_OPS = new Set(['Multinomial', 'Bernoulli']);
const INT64 = 7;
const FLOAT = 1;
const ATTRIBUTE_INT = 2;
const ATTRIBUTE_TENSOR = 4;
/** Distance between the first values two ops read: odd and large, so their streams do not meet early. */
const OP_STRIDE = 1_000_003;

export type SeedingOutcome = { kind: 'seeded'; replaced: string[] } | { kind: 'unchanged' } | { kind: 'unsupported'; reason: string };

/** Rewrites `model` in place; `unchanged` when it has no random op, `unsupported` when it has one this cannot replace. */
export function seedRandomOps(model: ModelProto): SeedingOutcome {
  const graph = model.graph;
  if (!graph) return { kind: 'unsupported', reason: 'the model has no graph' };
  const nested = graph.node.find((n) => containsRandomOp(n));
  if (nested) return { kind: 'unsupported', reason: `random op inside the subgraph of ${nested.opType} node '${nested.name}'` };
  const blocked = graph.node.find((n) => UNSUPPORTED_RANDOM_OPS.has(n.opType));
  if (blocked) return { kind: 'unsupported', reason: `${blocked.opType} node '${blocked.name}' has no seeded replacement` };
  const random = graph.node.filter((n) => RANDOM_OPS.has(n.opType) && (n.domain === '' || n.domain === 'ai.onnx'));
  if (random.length === 0) return { kind: 'unchanged' };
  if (graph.input.some((i) => i.name === NOISE_TABLE_INPUT)) return { kind: 'unsupported', reason: `the graph already has an input named ${NOISE_TABLE_INPUT}` };
  const castLike = defaultOpset(model) >= 15;
  const replacement = new Map(random.map((node, k) => [node, new NoiseReader(node, k, castLike).build()]));
  graph.node = graph.node.flatMap((node) => replacement.get(node) ?? [node]);
  graph.input.push(tableInput());
  return { kind: 'seeded', replaced: random.map((n) => `${n.opType} '${n.name}'`) };
}

function containsRandomOp(node: NodeProto): boolean {
  const graphs = node.attribute.flatMap((a) => [...(a.g ? [a.g] : []), ...a.graphs]);
  return graphs.some((g) => g.node.some((n) => RANDOM_OPS.has(n.opType) || UNSUPPORTED_RANDOM_OPS.has(n.opType) || containsRandomOp(n)));
}

function defaultOpset(model: ModelProto): number {
  return Number(model.opsetImport.find((o) => o.domain === '' || o.domain === 'ai.onnx')?.version ?? 0n);
}

function tableInput() {
  const dim = create(TensorShapeProto_DimensionSchema, { value: { case: 'dimParam', value: 'noise_table_size' } });
  const tensorType = create(TypeProto_TensorSchema, { elemType: FLOAT, shape: create(TensorShapeProtoSchema, { dim: [dim] }) });
  return create(ValueInfoProtoSchema, { name: NOISE_TABLE_INPUT, type: create(TypeProtoSchema, { value: { case: 'tensorType', value: tensorType } }) });
}

/** Emits the nodes that read one random op's values from the table. */
class NoiseReader {
  private readonly nodes: NodeProto[] = [];
  private counter = 0;
  private readonly prefix: string;

  constructor(
    private readonly node: NodeProto,
    private readonly index: number,
    private readonly castLike: boolean,
  ) {
    this.prefix = `seeded_noise_${index}`;
  }

  build(): NodeProto[] {
    const like = this.node.opType.endsWith('Like') ? this.node.input[0]! : undefined;
    const shape = like ? this.op('Shape', [like]) : this.i64(this.intsAttribute('shape'));
    const count = like ? this.op('Size', [like]) : this.i64([this.intsAttribute('shape').reduce((n, d) => n * d, 1)], []);
    const tableSize = this.op('Size', [NOISE_TABLE_INPUT]);
    const indices = this.op('Range', [this.i64([0], []), count, this.i64([1], [])]);
    const start = this.op('Mod', [this.i64([this.index * OP_STRIDE], []), tableSize]);
    const positions = this.op('Mod', [this.op('Add', [indices, start]), tableSize]);
    const normal = this.op('Gather', [NOISE_TABLE_INPUT, positions], { axis: 0 });
    const values = this.node.opType.startsWith('RandomNormal') ? this.scaledNormal(normal) : this.scaledUniform(normal);
    this.finish(this.op('Reshape', [values, shape]), like);
    return this.nodes;
  }

  private scaledNormal(z: string): string {
    return this.op('Add', [this.op('Mul', [z, this.f32(this.floatAttribute('scale', 1))]), this.f32(this.floatAttribute('mean', 0))]);
  }

  /** Normal CDF turns a standard normal into a uniform on (0, 1), then low + (high - low) * u. */
  private scaledUniform(z: string): string {
    const u = this.op('Mul', [this.op('Add', [this.op('Erf', [this.op('Mul', [z, this.f32(Math.SQRT1_2)])]), this.f32(1)]), this.f32(0.5)]);
    const low = this.floatAttribute('low', 0);
    return this.op('Add', [this.op('Mul', [u, this.f32(this.floatAttribute('high', 1) - low)]), this.f32(low)]);
  }

  /** The random op's output name and dtype: its `dtype` attribute, else the like-input's type. */
  private finish(values: string, like: string | undefined): void {
    const dtype = this.node.attribute.find((a) => a.name === 'dtype');
    const output = this.node.output[0]!;
    if (dtype) this.op('Cast', [values], { to: Number(dtype.i) }, output);
    else if (like && this.castLike) this.op('CastLike', [values, like], {}, output);
    else this.op('Identity', [values], {}, output);
  }

  private op(opType: string, input: string[], ints: Record<string, number> = {}, output?: string): string {
    const name = output ?? `${this.prefix}_${this.counter++}`;
    const attribute = Object.entries(ints).map(([key, i]) => create(AttributeProtoSchema, { name: key, type: ATTRIBUTE_INT, i: BigInt(i) }));
    this.nodes.push(create(NodeProtoSchema, { opType, name: `${name}_node`, input, output: [name], attribute }));
    return name;
  }

  private i64(values: number[], dims: number[] = [values.length]): string {
    const data = BigInt64Array.from(values.map((v) => BigInt(v)));
    return this.constant(create(TensorProtoSchema, { dims: dims.map(BigInt), dataType: INT64, rawData: new Uint8Array(data.buffer) }));
  }

  private f32(value: number): string {
    const data = Float32Array.of(value);
    return this.constant(create(TensorProtoSchema, { dims: [1n], dataType: FLOAT, rawData: new Uint8Array(data.buffer) }));
  }

  private constant(value: TensorProto): string {
    const name = `${this.prefix}_${this.counter++}`;
    const attribute = [create(AttributeProtoSchema, { name: 'value', type: ATTRIBUTE_TENSOR, t: value })];
    this.nodes.push(create(NodeProtoSchema, { opType: 'Constant', name: `${name}_node`, input: [], output: [name], attribute }));
    return name;
  }

  private intsAttribute(name: string): number[] {
    const attribute = this.node.attribute.find((a) => a.name === name);
    if (!attribute) throw new Error(`${this.node.opType} '${this.node.name}' has no ${name} attribute`);
    return attribute.ints.map(Number);
  }

  private floatAttribute(name: string, fallback: number): number {
    return this.node.attribute.find((a) => a.name === name)?.f ?? fallback;
  }
}
