/**
 * conditional_decoder stand-in: the tiny decoder's waveform (real contract and length rule) plus
 * dense work in proportion to the audio, sized by an assumed cost per second of audio.
 *
 * Assumption (an estimate from the architecture, not a measurement): S3Gen's flow-matching
 * estimator (~70 M parameters) runs 10 solver steps over 50 mel frames per second of audio, at
 * batch 2 for its classifier-free guidance: 2 x 70e6 x 50 x 10 x 2 = 140 GFLOP per second of
 * audio; the HiFi-GAN vocoder (a few GFLOP per second) is left out. The stand-in spends that as
 * 1024 x 1024 MatMuls over 2 x 2 rows per speech token (two mel frames per token, two guidance
 * rows), 10 steps deep.
 */
import { HIDDEN_SIZE } from '../../models/contract.ts';
import { GraphBuilder, type GraphSpec } from '../../models/onnx/graph-builder.ts';
import { buildConditionalDecoderGraph } from '../../models/tiny/graphs/conditional-decoder.graph.ts';
import { shapeSlice } from '../../models/tiny/graphs/graph-helpers.ts';

export const DEFAULT_DECODER_GFLOP_PER_AUDIO_SECOND = 140;
const TOKENS_PER_AUDIO_SECOND = 25;
const ROWS_PER_TOKEN = 4;
const STEPS = 10;
const FLOP_PER_ROW_MATMUL = 2 * HIDDEN_SIZE * HIDDEN_SIZE;

/** MatMuls per step so that the work per second of audio matches `gflopPerAudioSecond`. */
function decoderMatMulsPerStep(gflopPerAudioSecond: number): number {
  const perStep =
    (gflopPerAudioSecond * 1e9) /
    (TOKENS_PER_AUDIO_SECOND * ROWS_PER_TOKEN * STEPS * FLOP_PER_ROW_MATMUL);
  return Math.max(1, Math.round(perStep));
}

export function buildDecoderStandIn(gflopPerAudioSecond = DEFAULT_DECODER_GFLOP_PER_AUDIO_SECOND): GraphSpec {
  const g = new GraphBuilder('conditional_decoder');
  const tone = prefixed(buildConditionalDecoderGraph(), 'tone_');
  Object.assign(g.spec, { inputs: tone.inputs, outputs: tone.outputs });
  g.spec.nodes.push(...tone.nodes);
  g.spec.initializers.push(...tone.initializers);
  const rows = g.op('Mul', [shapeSlice(g, 'speech_tokens', 1, 2), g.i64([ROWS_PER_TOKEN])]);
  const seed = { type: 'float32' as const, dims: [1], data: Float32Array.of(0.01) };
  let hidden = g.op(
    'ConstantOfShape',
    [g.op('Concat', [rows, g.i64([HIDDEN_SIZE])], { axis: 0 })],
    { value: { tensor: seed } },
  );
  const weightValue = {
    type: 'float32' as const,
    dims: [1],
    data: Float32Array.of(1 / HIDDEN_SIZE),
  };
  const weight = g.op('ConstantOfShape', [g.i64([HIDDEN_SIZE, HIDDEN_SIZE])], {
    value: { tensor: weightValue },
  });
  const perStep = decoderMatMulsPerStep(gflopPerAudioSecond);
  for (let i = 0; i < STEPS * perStep; i++)
    hidden = g.op('Tanh', [g.op('MatMul', [hidden, weight])]);
  // Folded in as a shift too small to hear, so the work cannot be optimized away.
  const shift = g.op('Mul', [
    g.op('ReduceMean', [hidden], { axes: [0, 1], keepdims: 0 }),
    g.f32([1e-9]),
  ]);
  g.op('Add', ['tone_waveform', shift], {}, 'waveform');
  return g.spec;
}

/** The graph with every internal value and initializer renamed (inputs kept; the output becomes `${prefix}waveform`). */
function prefixed(spec: GraphSpec, prefix: string): GraphSpec {
  const inputs = new Set(spec.inputs.map((input) => input.name));
  const rename = (name: string) => (inputs.has(name) || name === '' ? name : `${prefix}${name}`);
  return {
    ...spec,
    nodes: spec.nodes.map((node) => ({ ...node, name: `${prefix}${node.name}`, inputs: node.inputs.map(rename), outputs: node.outputs.map(rename) })),
    initializers: spec.initializers.map((init) => ({ ...init, name: rename(init.name) })),
  };
}
