/**
 * A language model with the real T3 backbone's dimensions (Llama-style, 30 layers, hidden
 * 1024, 16 heads of 64, MLP 4096, speech head 8194) and the real I/O contract, for timing only.
 * Weights are float16 initializers (pseudo-random, about 1 GB in the sidecar) cast to float32:
 * onnxruntime folds the casts at load, so the session holds about 2 GB of float32 weights and
 * every step reads them all, as an fp32 export would. The graph builder writes no uint8 tensors
 * or com.microsoft ops, so there is no MatMulNBits (q4) variant, and onnxruntime's CPU provider
 * has no float16 MatMul on x86: float32 weights read about 8x the bytes of q4 per step, so
 * per-token CPU figures here are an upper bound for q4 on the same machine.
 * Attention has no causal mask (the cost is the same; with one new position per step there is
 * nothing to mask anyway).
 */
import {
  GRAPH_CONTRACTS,
  HEAD_DIM,
  HIDDEN_SIZE,
  NUM_KV_HEADS,
  NUM_LAYERS,
  SPEECH_VOCAB_SIZE,
  pastKeyValueNames,
  presentNames,
} from '../../models/contract.ts';
import { GraphBuilder, type GraphSpec } from '../../models/onnx/graph-builder.ts';
import { addContractIo } from '../../models/tiny/graphs/graph-helpers.ts';

const FLOAT = 1;
/** Llama MLP width of the T3 backbone (upstream T3Config, llama_520M). */
const MLP_SIZE = 4096;
/** One block of pseudo-random float16 weights; every matrix takes its values from it. */
let weightBits: Uint16Array | undefined;

export function buildRealSizeLanguageModel(layers = NUM_LAYERS): GraphSpec {
  const g = new GraphBuilder('language_model');
  addContractIo(g, GRAPH_CONTRACTS.language_model);
  const pasts = pastKeyValueNames();
  const presents = presentNames();
  let x = 'inputs_embeds';
  for (let layer = 0; layer < NUM_LAYERS; layer++) {
    if (layer >= layers) {
      // Fewer layers asked for (a quick run): the remaining caches pass through, unchanged in cost class.
      g.op('Identity', [pasts[2 * layer]!], {}, presents[2 * layer]!);
      g.op('Identity', [pasts[2 * layer + 1]!], {}, presents[2 * layer + 1]!);
      continue;
    }
    x = decoderLayer(
      g,
      x,
      pasts[2 * layer]!,
      pasts[2 * layer + 1]!,
      presents[2 * layer]!,
      presents[2 * layer + 1]!,
    );
  }
  const logits = g.op('MatMul', [rmsNorm(g, x), weight(g, HIDDEN_SIZE, SPEECH_VOCAB_SIZE)]);
  // attention_mask is read (as a zero shift), so the graph takes it like the export does.
  const maskSum = g.op('ReduceSum', [g.op('Cast', ['attention_mask'], { to: FLOAT })], {
    keepdims: 0,
  });
  g.op('Add', [logits, g.op('Mul', [maskSum, g.f32([0])])], {}, 'logits');
  return g.spec;
}

function decoderLayer(
  g: GraphBuilder,
  x: string,
  pastKey: string,
  pastValue: string,
  presentKey: string,
  presentValue: string,
): string {
  const h = rmsNorm(g, x);
  const q = heads(g, g.op('MatMul', [h, weight(g, HIDDEN_SIZE, HIDDEN_SIZE)]));
  g.op(
    'Concat',
    [pastKey, heads(g, g.op('MatMul', [h, weight(g, HIDDEN_SIZE, HIDDEN_SIZE)]))],
    { axis: 2 },
    presentKey,
  );
  g.op(
    'Concat',
    [pastValue, heads(g, g.op('MatMul', [h, weight(g, HIDDEN_SIZE, HIDDEN_SIZE)]))],
    { axis: 2 },
    presentValue,
  );
  const scores = g.op('Mul', [
    g.op('MatMul', [q, g.op('Transpose', [presentKey], { perm: [0, 1, 3, 2] })]),
    g.f32([1 / Math.sqrt(HEAD_DIM)]),
  ]);
  const context = g.op('MatMul', [g.op('Softmax', [scores], { axis: -1 }), presentValue]); // [B,H,S,D]
  const merged = g.op('Reshape', [
    g.op('Transpose', [context], { perm: [0, 2, 1, 3] }),
    g.i64([0, 0, HIDDEN_SIZE]),
  ]);
  const attended = g.op('Add', [x, g.op('MatMul', [merged, weight(g, HIDDEN_SIZE, HIDDEN_SIZE)])]);
  const m = rmsNorm(g, attended);
  const gate = g.op('MatMul', [m, weight(g, HIDDEN_SIZE, MLP_SIZE)]);
  const up = g.op('MatMul', [m, weight(g, HIDDEN_SIZE, MLP_SIZE)]);
  const activated = g.op('Mul', [g.op('Mul', [gate, g.op('Sigmoid', [gate])]), up]);
  return g.op('Add', [attended, g.op('MatMul', [activated, weight(g, MLP_SIZE, HIDDEN_SIZE)])]);
}

/** [B,S,1024] -> [B,16,S,64]. */
function heads(g: GraphBuilder, value: string): string {
  return g.op('Transpose', [g.op('Reshape', [value, g.i64([0, 0, NUM_KV_HEADS, HEAD_DIM])])], {
    perm: [0, 2, 1, 3],
  });
}

function rmsNorm(g: GraphBuilder, x: string): string {
  const meanSquare = g.op('ReduceMean', [g.op('Mul', [x, x])], { axes: [-1], keepdims: 1 });
  return g.op('Div', [x, g.op('Sqrt', [g.op('Add', [meanSquare, g.f32([1e-5])])])]);
}

/** A [rows x columns] float16 initializer with values in ±0.03 (each its own copy in the file), cast to float32. */
function weight(g: GraphBuilder, rows: number, columns: number): string {
  weightBits ??= pseudoRandomHalves(HIDDEN_SIZE * Math.max(MLP_SIZE, SPEECH_VOCAB_SIZE));
  const bits = weightBits.slice(0, rows * columns);
  return g.op('Cast', [g.initializer('float16', bits, [rows, columns])], { to: FLOAT });
}

/** Halves with a random sign and mantissa and exponents 2^-9..2^-6 (magnitudes up to ~0.03). */
function pseudoRandomHalves(count: number): Uint16Array {
  const out = new Uint16Array(count);
  let state = 0x9e3779b9;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const exponent = 6 + ((state >>> 10) & 3); // biased 6..9 -> 2^-9..2^-6
    out[i] = ((state >>> 31) << 15) | (exponent << 10) | (state & 0x3ff);
  }
  return out;
}
