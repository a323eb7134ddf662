/**
 * Tiny conditional_decoder: output length (2 x num_speech_tokens - feature_dim) x 480, as in
 * the real graph, which cuts the prompt part itself. Each generated token becomes 960 samples
 * of a tone (pitch from the token id, level from the speaker embedding); pitches are
 * multiples of 25 Hz, so every token holds whole cycles and token boundaries do not click.
 */
import { GRAPH_CONTRACTS, SAMPLE_RATE_HZ } from '../../contract.ts';
import { GraphBuilder, type GraphSpec } from '../../onnx/graph-builder.ts';
import { TINY_SAMPLES_PER_TOKEN, TINY_TONE_BASE_STEPS, TINY_TONE_STEP_HZ, TINY_TONE_STEPS } from '../script.ts';
import { addContractIo, shapeSlice, toScalar } from './graph-helpers.ts';

const FLOAT = 1;
const SAMPLES_PER_FRAME = 480;
const BASE_LEVEL = 0.25;
const SPEAKER_LEVEL_RANGE = 0.5;

export function buildConditionalDecoderGraph(): GraphSpec {
  const g = new GraphBuilder('conditional_decoder');
  addContractIo(g, GRAPH_CONTRACTS.conditional_decoder, {});
  const tokenCount = shapeSlice(g, 'speech_tokens', 1, 2);
  const promptFrames = shapeSlice(g, 'speaker_features', 1, 2);
  const frames = g.op('Sub', [g.op('Mul', [tokenCount, g.i64([2])]), promptFrames]);
  const sampleCount = g.op('Mul', [frames, g.i64([SAMPLES_PER_FRAME])]);
  const sampleIndex = g.op('Range', [g.i64([0], []), toScalar(g, sampleCount), g.i64([1], [])]); // [L]

  const frameIndex = g.op('Add', [g.op('Div', [sampleIndex, g.i64([SAMPLES_PER_FRAME])]), promptFrames]);
  const tokenIndex = g.op('Div', [frameIndex, g.i64([2])]);
  const tokens = g.op('Gather', ['speech_tokens', tokenIndex], { axis: 1 }); // [B,L]
  const toneSteps = g.op('Add', [g.op('Mod', [tokens, g.i64([TINY_TONE_STEPS])]), g.i64([TINY_TONE_BASE_STEPS])]);
  const hz = g.op('Mul', [g.op('Cast', [toneSteps], { to: FLOAT }), g.f32([TINY_TONE_STEP_HZ])]);
  const localIndex = g.op('Mod', [sampleIndex, g.i64([TINY_SAMPLES_PER_TOKEN])]);
  const seconds = g.op('Div', [g.op('Cast', [localIndex], { to: FLOAT }), g.f32([SAMPLE_RATE_HZ])]);
  const phase = g.op('Mul', [g.op('Mul', [hz, seconds]), g.f32([2 * Math.PI])]);

  const speakerMean = g.op('ReduceMean', ['speaker_embeddings'], { axes: [1], keepdims: 1 }); // [B,1]
  const level = g.op('Mul', [g.op('Add', [g.f32([1]), g.op('Mul', [g.op('Tanh', [speakerMean]), g.f32([SPEAKER_LEVEL_RANGE])])]), g.f32([BASE_LEVEL])]);
  g.op('Mul', [g.op('Sin', [phase]), level], {}, 'waveform');
  return g.spec;
}
