/**
 * Tiny conditional_decoder: the real contract and length rule (the prompt's mel frames are cut:
 * (2 x num_speech_tokens - feature_dim) x 480 samples), each generated token rendered as 960
 * samples of a tone (pitch from the token id via a table kept in the sidecar, level and timbre
 * from the voice), plus noise from an in-graph RandomNormalLike, like the real decoder's
 * `randn_like`, so reproducibility has to be earned.
 */
import { GRAPH_CONTRACTS, SAMPLE_RATE_HZ } from '../../contract.ts';
import { GraphBuilder, type GraphSpec } from '../../onnx/graph-builder.ts';
import { TINY_NOISE_LEVEL, TINY_SAMPLES_PER_TOKEN, TINY_TONE_STEPS, tinyToneHz } from '../script.ts';
import { addContractIo, shapeSlice, toScalar } from './graph-helpers.ts';

const FLOAT = 1;
const SAMPLES_PER_FRAME = 480;
const BASE_LEVEL = 0.25;
const SPEAKER_LEVEL_RANGE = 0.5;
/** Second-harmonic weight per unit of prompt-mel level: voices differ in timbre, not only in level. */
const TIMBRE_PER_LEVEL = 10;

export function buildConditionalDecoderGraph(): GraphSpec {
  const g = new GraphBuilder('conditional_decoder');
  addContractIo(g, GRAPH_CONTRACTS.conditional_decoder);
  const tokenCount = shapeSlice(g, 'speech_tokens', 1, 2);
  const promptFrames = shapeSlice(g, 'speaker_features', 1, 2);
  const frames = g.op('Sub', [g.op('Mul', [tokenCount, g.i64([2])]), promptFrames]);
  const sampleCount = g.op('Mul', [frames, g.i64([SAMPLES_PER_FRAME])]);
  const sampleIndex = g.op('Range', [g.i64([0], []), toScalar(g, sampleCount), g.i64([1], [])]); // [L]

  const frameIndex = g.op('Add', [g.op('Div', [sampleIndex, g.i64([SAMPLES_PER_FRAME])]), promptFrames]);
  const tokens = g.op('Gather', ['speech_tokens', g.op('Div', [frameIndex, g.i64([2])])], { axis: 1 }); // [B,L]
  const toneTable = g.f32(Array.from({ length: TINY_TONE_STEPS }, (_, step) => tinyToneHz(step)));
  const hz = g.op('Gather', [toneTable, g.op('Mod', [tokens, g.i64([TINY_TONE_STEPS])])], { axis: 0 });
  const localIndex = g.op('Mod', [sampleIndex, g.i64([TINY_SAMPLES_PER_TOKEN])]);
  const seconds = g.op('Div', [g.op('Cast', [localIndex], { to: FLOAT }), g.f32([SAMPLE_RATE_HZ])]);
  const phase = g.op('Mul', [g.op('Mul', [hz, seconds]), g.f32([2 * Math.PI])]); // [B,L]

  const speakerMean = g.op('ReduceMean', ['speaker_embeddings'], { axes: [1], keepdims: 1 }); // [B,1]
  const level = g.op('Mul', [g.op('Add', [g.f32([1]), g.op('Mul', [g.op('Tanh', [speakerMean]), g.f32([SPEAKER_LEVEL_RANGE])])]), g.f32([BASE_LEVEL])]);
  const melLevel = g.op('ReduceMean', ['speaker_features'], { axes: [1, 2], keepdims: 0 }); // [B]
  const timbre = g.op('Unsqueeze', [g.op('Tanh', [g.op('Mul', [melLevel, g.f32([TIMBRE_PER_LEVEL])])]), g.i64([1])]); // [B,1]
  const tone = g.op('Add', [g.op('Sin', [phase]), g.op('Mul', [g.op('Sin', [g.op('Mul', [phase, g.f32([2])])]), g.op('Mul', [timbre, g.f32([0.5])])])]);
  const noise = g.op('Mul', [g.op('RandomNormalLike', [phase]), g.f32([TINY_NOISE_LEVEL])]);
  g.op('Mul', [g.op('Add', [tone, noise]), level], {}, 'waveform');
  return g.spec;
}

