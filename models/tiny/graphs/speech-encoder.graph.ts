/**
 * Tiny speech_encoder: the real four outputs and their lengths (tokens = floor(min(N,240000)/960)
 * plus one, mel = 2 frames per whole token, so the mel is 2 frames short of 2 x tokens as can
 * happen with the real encoder), with values derived from the clip's mean level so different
 * voices give different conditioning. Every conditioning row carries one conditioning flag
 * (the tiny LM checks it sees all 33).
 */
import { CONDITIONING_ROWS, GRAPH_CONTRACTS, HIDDEN_SIZE, MEL_BINS, SPEAKER_EMBEDDING_SIZE, TOKENS } from '../../contract.ts';
import { GraphBuilder, type GraphSpec } from '../../onnx/graph-builder.ts';
import { FLAG_DIMS, MAX_PROMPT_SAMPLES, TINY_SAMPLES_PER_TOKEN } from '../script.ts';
import { addContractIo, shapeSlice, toScalar, unitVector } from './graph-helpers.ts';

const FLOAT = 1;
const INT64 = 7;
const TOKEN_STRIDE = 7;
const LEVEL_TO_TOKEN = 1000;
const SPEAKER_BIAS = 0.1;

export function buildSpeechEncoderGraph(): GraphSpec {
  const g = new GraphBuilder('speech_encoder');
  addContractIo(g, GRAPH_CONTRACTS.speech_encoder);
  const audio = 'audio_values';
  const level = g.op('ReduceMean', [g.op('Abs', [audio])], { axes: [1], keepdims: 1 }); // [B,1]
  const batch = shapeSlice(g, audio, 0, 1);
  const usable = g.op('Min', [shapeSlice(g, audio, 1, 2), g.i64([MAX_PROMPT_SAMPLES])]);
  const wholeTokens = g.op('Div', [usable, g.i64([TINY_SAMPLES_PER_TOKEN])]); // [1]
  const tokenCount = g.op('Add', [wholeTokens, g.i64([1])]);

  const positions = g.op('Cast', [g.op('Range', [g.i64([0], []), toScalar(g, tokenCount), g.i64([1], [])])], { to: FLOAT });
  const levelCode = g.op('Floor', [g.op('Mul', [level, g.f32([LEVEL_TO_TOKEN])])]);
  const tokens = g.op('Add', [g.op('Mul', [positions, g.f32([TOKEN_STRIDE])]), levelCode]); // [B,T]
  const wrapped = g.op('Mod', [tokens, g.f32([TOKENS.speechCodeLimit])], { fmod: 1 });
  g.op('Cast', [wrapped], { to: INT64 }, 'audio_tokens');

  const level3 = g.op('Unsqueeze', [level, g.i64([2])]); // [B,1,1]
  const frames = g.op('Mul', [wholeTokens, g.i64([2])]);
  const featureShape = g.op('Concat', [batch, frames, g.i64([MEL_BINS])], { axis: 0 });
  g.op('Expand', [level3, featureShape], {}, 'speaker_features');

  const speakerPattern = Float32Array.from({ length: SPEAKER_EMBEDDING_SIZE }, (_, i) => Math.cos(i * 0.21));
  const speaker = g.op('Mul', [level, g.f32(speakerPattern, [SPEAKER_EMBEDDING_SIZE])]);
  g.op('Add', [speaker, g.f32([SPEAKER_BIAS])], {}, 'speaker_embeddings');

  const featureRows = g.op('Concat', [batch, g.i64([CONDITIONING_ROWS, HIDDEN_SIZE])], { axis: 0 });
  const conditioningPattern = new Float32Array(HIDDEN_SIZE);
  for (let i = FLAG_DIMS.reserved; i < HIDDEN_SIZE; i++) conditioningPattern[i] = Math.sin(i * 0.13);
  const scaled = g.op('Mul', [level3, g.f32(conditioningPattern, [HIDDEN_SIZE])]); // [B,1,1024]
  const flagged = g.op('Add', [scaled, g.f32(unitVector(FLAG_DIMS.conditioning), [HIDDEN_SIZE])]);
  g.op('Expand', [flagged, featureRows], {}, 'audio_features');
  return g.spec;
}
