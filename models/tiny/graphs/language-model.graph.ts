/**
 * Tiny language_model: the real I/O contract (60 past inputs, 60 present outputs of
 * [B,16,P+S,64], logits [B,S,8194]) with scripted logits (see ../script.ts).
 * Every present tensor is Concat(past, embeddings as [B,16,S,64]), so the cache really grows
 * and the loop really has to feed it back; the flags summed over present.0.key tell the
 * graph how many text and speech tokens the context holds.
 */
import {
  GRAPH_CONTRACTS,
  HEAD_DIM,
  HIDDEN_SIZE,
  NUM_KV_HEADS,
  SPEECH_VOCAB_SIZE,
  TOKENS,
  pastKeyValueNames,
  presentNames,
  type TensorElementType,
} from '../../contract.ts';
import { GraphBuilder, type GraphSpec } from '../../onnx/graph-builder.ts';
import { FLAG_DIMS, TINY_SCRIPT } from '../script.ts';
import { addContractIo, shapeSlice } from './graph-helpers.ts';

const FLOAT = 1;
const FLOAT16 = 10;
const INT64 = 7;

export interface LanguageModelOptions {
  /** KV-cache element type: float16 mimics the fp16/q4f16 exports. @defaultValue 'float32' */
  kvType?: TensorElementType;
  /** Extra [rows x 1024] x [1024 x 1024] MatMuls per step for the slow variant. @defaultValue 0 */
  slowMatMuls?: number;
  /** Rows of the slow MatMuls. @defaultValue 32 */
  slowRows?: number;
}

export function buildLanguageModelGraph(options: LanguageModelOptions = {}): GraphSpec {
  const kvType = options.kvType ?? 'float32';
  const g = new GraphBuilder('language_model');
  const kvTypes = Object.fromEntries([...pastKeyValueNames(), ...presentNames()].map((n) => [n, kvType]));
  addContractIo(g, GRAPH_CONTRACTS.language_model, kvTypes);

  let heads = g.op('Transpose', [g.op('Reshape', ['inputs_embeds', g.i64([0, 0, NUM_KV_HEADS, HEAD_DIM])])], { perm: [0, 2, 1, 3] });
  if (kvType === 'float16') heads = g.op('Cast', [heads], { to: FLOAT16 });
  const pasts = pastKeyValueNames();
  presentNames().forEach((present, i) => g.op('Concat', [pasts[i]!, heads], { axis: 2 }, present));

  const context = kvType === 'float16' ? g.op('Cast', ['present.0.key'], { to: FLOAT }) : 'present.0.key';
  const flagSums = g.op('ReduceSum', [context, g.i64([2])], { keepdims: 0 }); // [B,16,64]
  const head0 = g.op('Gather', [flagSums, g.i64([0], [])], { axis: 1 }); // [B,64]
  const flag = (dim: number) => g.op('Gather', [head0, g.i64([dim], [])], { axis: 1 }); // [B]
  let row = scriptedLogits(g, flag(FLAG_DIMS.text), flag(FLAG_DIMS.speech), flag(FLAG_DIMS.runaway)); // [B,V]
  if ((options.slowMatMuls ?? 0) > 0) row = addSlowWork(g, row, options.slowMatMuls!, options.slowRows ?? 32);

  const batchAndSeq = shapeSlice(g, 'inputs_embeds', 0, 2);
  const logitsShape = g.op('Concat', [batchAndSeq, g.i64([SPEECH_VOCAB_SIZE])], { axis: 0 });
  g.op('Expand', [g.op('Unsqueeze', [row, g.i64([1])]), logitsShape], {}, 'logits');
  return g.spec;
}

/** Logits [B, V] from the text count T, the speech count and the runaway flag (all [B] floats). */
function scriptedLogits(g: GraphBuilder, textCount: string, speechCount: string, runawayCount: string): string {
  const s = TINY_SCRIPT;
  const k = g.op('Sub', [speechCount, g.f32([s.promptSpeechTokens])]);
  const raw = g.op('Add', [g.op('Mul', [textCount, g.f32([s.textFactor])]), g.op('Mul', [k, g.f32([s.stepFactor])])]);
  const token = g.op('Add', [g.op('Mod', [raw, g.f32([s.modulus])], { fmod: 1 }), g.f32([1])]);
  const stop = g.op('GreaterOrEqual', [k, g.op('Mul', [textCount, g.f32([s.speechTokensPerTextToken])])]);
  const runaway = g.op('Greater', [runawayCount, g.f32([0.5])]);
  const runawayToken = g.op('Add', [g.op('Mod', [k, g.f32([s.runawayPeriod])], { fmod: 1 }), g.f32([s.runawayBase])]);
  const stopOrToken = g.op('Where', [stop, g.f32([TOKENS.stopSpeech]), token]);
  const target = g.op('Where', [runaway, runawayToken, stopOrToken]);
  let logits = oneHot(g, target, s.targetLogit);

  const alternativesOn = g.op('Cast', [g.op('Not', [g.op('Or', [stop, runaway])])], { to: FLOAT });
  for (const offset of s.alternativeOffsets) {
    const shifted = g.op('Add', [token, g.f32([offset - 1])]);
    const alternative = g.op('Add', [g.op('Mod', [shifted, g.f32([s.modulus])], { fmod: 1 }), g.f32([1])]);
    const weighted = g.op('Mul', [oneHot(g, alternative, s.targetLogit - s.alternativeGap), g.op('Unsqueeze', [alternativesOn, g.i64([1])])]);
    logits = g.op('Add', [logits, weighted]);
  }
  return logits;
}

function oneHot(g: GraphBuilder, index: string, value: number): string {
  const indices = g.op('Cast', [index], { to: INT64 });
  return g.op('OneHot', [indices, g.i64([SPEECH_VOCAB_SIZE], []), g.f32([0, value])], { axis: -1 });
}

/**
 * CPU work for load tests: MatMuls over the last position, folded into the logits as a
 * uniform shift (softmax ignores it), so the output stays exactly scripted. The weight is a
 * ConstantOfShape, so it costs no file size.
 */
function addSlowWork(g: GraphBuilder, row: string, matMuls: number, rows: number): string {
  const last = g.op('Slice', ['inputs_embeds', g.i64([-1]), g.i64([Number.MAX_SAFE_INTEGER]), g.i64([1])]);
  const expandShape = g.op('Concat', [shapeSlice(g, 'inputs_embeds', 0, 1), g.i64([rows, HIDDEN_SIZE])], { axis: 0 });
  let hidden = g.op('Expand', [last, expandShape]);
  const weightTensor = { type: 'float32' as const, dims: [1], data: Float32Array.from([1 / HIDDEN_SIZE]) };
  const weight = g.op('ConstantOfShape', [g.i64([HIDDEN_SIZE, HIDDEN_SIZE])], { value: { tensor: weightTensor } });
  for (let i = 0; i < matMuls; i++) hidden = g.op('Tanh', [g.op('MatMul', [hidden, weight])]);
  const shift = g.op('Mul', [g.op('ReduceMean', [hidden], { axes: [1, 2], keepdims: 0 }), g.f32([1e-6])]);
  return g.op('Add', [row, g.op('Unsqueeze', [shift, g.i64([1])])]);
}
