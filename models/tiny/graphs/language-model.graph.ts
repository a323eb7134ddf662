/**
 * Tiny language_model: the real I/O contract (60 past inputs, 60 present outputs of
 * [B,16,P+S,64], logits [B,S,8194]). Every present tensor is Concat(past, embeddings as
 * [B,16,S,64]), so the cache really grows and the loop has to feed it back. The flags of the
 * whole context, weighted by attention_mask, decide the logits (see ../script.ts and
 * ./scripted-logits.ts), so a wrong mask, position, cache or CFG row changes the tokens.
 */
import { GRAPH_CONTRACTS, HEAD_DIM, HIDDEN_SIZE, NUM_KV_HEADS, SPEECH_VOCAB_SIZE, pastKeyValueNames, presentNames, type TensorElementType } from '../../contract.ts';
import { GraphBuilder, type GraphSpec } from '../../onnx/graph-builder.ts';
import { addContractIo, shapeSlice } from './graph-helpers.ts';
import { scriptedLogits } from './scripted-logits.ts';

const FLOAT = 1;
const FLOAT16 = 10;

export interface LanguageModelOptions {
  /** KV-cache element type: float16 mimics the fp16/q4f16 exports. @defaultValue 'float32' */
  kvType?: TensorElementType;
  /** Element type of inputs_embeds and logits (an all-float16 export). @defaultValue 'float32' */
  ioType?: TensorElementType;
  /** Declares the batch dimension fixed at this size (an export that cannot run CFG at batch 2). */
  fixedBatch?: number;
  /** Extra [rows x 1024] x [1024 x 1024] MatMuls per step for the slow variant. @defaultValue 0 */
  slowMatMuls?: number;
  /** Rows of the slow MatMuls. @defaultValue 32 */
  slowRows?: number;
}

export function buildLanguageModelGraph(options: LanguageModelOptions = {}): GraphSpec {
  const kvType = options.kvType ?? 'float32';
  const ioType = options.ioType ?? 'float32';
  const g = new GraphBuilder('language_model');
  const types = Object.fromEntries([...pastKeyValueNames(), ...presentNames()].map((n) => [n, kvType]));
  addContractIo(g, GRAPH_CONTRACTS.language_model, {
    types: { ...types, inputs_embeds: ioType, logits: ioType },
    fixedDims: options.fixedBatch ? { batch_size: options.fixedBatch } : {},
  });
  const embeds = ioType === 'float16' ? g.op('Cast', ['inputs_embeds'], { to: FLOAT }) : 'inputs_embeds';
  let heads = g.op('Transpose', [g.op('Reshape', [embeds, g.i64([0, 0, NUM_KV_HEADS, HEAD_DIM])])], { perm: [0, 2, 1, 3] });
  if (kvType === 'float16') heads = g.op('Cast', [heads], { to: FLOAT16 });
  const pasts = pastKeyValueNames();
  presentNames().forEach((present, i) => g.op('Concat', [pasts[i]!, heads], { axis: 2 }, present));

  let row = scriptedLogits(g, contextFlags(g, kvType)); // [B,V]
  if ((options.slowMatMuls ?? 0) > 0) row = addSlowWork(g, embeds, row, options.slowMatMuls!, options.slowRows ?? 32);
  const logitsShape = g.op('Concat', [shapeSlice(g, 'inputs_embeds', 0, 2), g.i64([SPEECH_VOCAB_SIZE])], { axis: 0 });
  const logits = g.op('Expand', [g.op('Unsqueeze', [row, g.i64([1])]), logitsShape]);
  g.op(ioType === 'float16' ? 'Cast' : 'Identity', [logits], ioType === 'float16' ? { to: FLOAT16 } : {}, 'logits');
  return g.spec;
}

/**
 * The flag components of head 0 summed over every position of the context, each position
 * weighted by its attention_mask value: [B,64]. A mask of the wrong length cannot broadcast.
 */
function contextFlags(g: GraphBuilder, kvType: TensorElementType): string {
  const context = kvType === 'float16' ? g.op('Cast', ['present.0.key'], { to: FLOAT }) : 'present.0.key';
  const head0 = g.op('Gather', [context, g.i64([0], [])], { axis: 1 }); // [B,T,64]
  const mask = g.op('Unsqueeze', [g.op('Cast', ['attention_mask'], { to: FLOAT }), g.i64([2])]); // [B,T,1]
  return g.op('ReduceSum', [g.op('Mul', [head0, mask]), g.i64([1])], { keepdims: 0 });
}

/**
 * CPU work for load tests: MatMuls over the last position, folded into the logits as a
 * uniform shift (softmax ignores it), so the output stays exactly scripted. The weight is a
 * ConstantOfShape, so it costs no file size.
 */
function addSlowWork(g: GraphBuilder, embeds: string, row: string, matMuls: number, rows: number): string {
  const last = g.op('Slice', [embeds, g.i64([-1]), g.i64([Number.MAX_SAFE_INTEGER]), g.i64([1])]);
  const expandShape = g.op('Concat', [shapeSlice(g, 'inputs_embeds', 0, 1), g.i64([rows, HIDDEN_SIZE])], { axis: 0 });
  let hidden = g.op('Expand', [last, expandShape]);
  const weightTensor = { type: 'float32' as const, dims: [1], data: Float32Array.from([1 / HIDDEN_SIZE]) };
  const weight = g.op('ConstantOfShape', [g.i64([HIDDEN_SIZE, HIDDEN_SIZE])], { value: { tensor: weightTensor } });
  for (let i = 0; i < matMuls; i++) hidden = g.op('Tanh', [g.op('MatMul', [hidden, weight])]);
  const shift = g.op('Mul', [g.op('ReduceMean', [hidden], { axes: [1, 2], keepdims: 0 }), g.f32([1e-6])]);
  return g.op('Add', [row, g.op('Unsqueeze', [shift, g.i64([1])])]);
}
