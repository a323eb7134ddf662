/**
 * Tiny embed_tokens: same contract as the real graph and the same row semantics
 * (indices up to the first 0 are text, the rest speech, 6563 is the exaggeration slot),
 * written as flags into the first embedding components so the tiny LM can count them.
 */
import { GRAPH_CONTRACTS, HIDDEN_SIZE, TOKENS } from '../../contract.ts';
import { GraphBuilder, type GraphSpec } from '../../onnx/graph-builder.ts';
import { FLAG_DIMS, TINY_SCRIPT } from '../script.ts';
import { addContractIo, unitVector } from './graph-helpers.ts';

const FLOAT = 1;
/** Scales ids and positions into the non-flag components, so embeddings differ per token. */
const ID_SCALE = 1e-3;
const POSITION_SCALE = 1e-4;

export function buildEmbedTokensGraph(): GraphSpec {
  const g = new GraphBuilder('embed_tokens');
  addContractIo(g, GRAPH_CONTRACTS.embed_tokens, {});
  const ids = 'input_ids';
  const isZero = g.op('Cast', [g.op('Equal', [ids, g.i64([0])])], { to: FLOAT });
  const zerosSoFar = g.op('CumSum', [isZero, g.i64([1], [])]);
  const zerosBefore = g.op('Sub', [zerosSoFar, isZero]);
  const rowHasZero = g.op('ReduceMax', [isZero], { axes: [1], keepdims: 1 });
  const noZeroBefore = g.op('Cast', [g.op('Equal', [zerosBefore, g.f32([0])])], { to: FLOAT });
  const textPart = g.op('Mul', [rowHasZero, noZeroBefore]);
  const isExaggeration = g.op('Cast', [g.op('Equal', [ids, g.i64([TOKENS.exaggeration])])], { to: FLOAT });
  const notExaggeration = g.op('Sub', [g.f32([1]), isExaggeration]);
  const textFlag = g.op('Mul', [textPart, notExaggeration]);
  const speechFlag = g.op('Mul', [g.op('Sub', [g.f32([1]), textPart]), notExaggeration]);
  const isRunaway = g.op('Cast', [g.op('Equal', [ids, g.i64([TINY_SCRIPT.runawayTextTokenId])])], { to: FLOAT });
  const runawayFlag = g.op('Mul', [textFlag, isRunaway]);
  const exaggerationValue = g.op('Mul', [isExaggeration, g.op('Unsqueeze', ['exaggeration', g.i64([1])])]);
  const idPart = g.op('Mul', [g.op('Cast', [ids], { to: FLOAT }), g.f32([ID_SCALE])]);
  const positionPart = g.op('Mul', [g.op('Cast', ['position_ids'], { to: FLOAT }), g.f32([POSITION_SCALE])]);
  const content = g.op('Add', [idPart, positionPart]);

  const parts: Array<[string, Float32Array]> = [
    [textFlag, unitVector(FLAG_DIMS.text)],
    [exaggerationValue, unitVector(FLAG_DIMS.exaggeration)],
    [speechFlag, unitVector(FLAG_DIMS.speech)],
    [runawayFlag, unitVector(FLAG_DIMS.runaway)],
    [content, contentPattern()],
  ];
  let sum = '';
  for (const [value, direction] of parts) {
    const term = g.op('Mul', [g.op('Unsqueeze', [value, g.i64([2])]), g.f32(direction, [HIDDEN_SIZE])]);
    sum = sum === '' ? term : g.op('Add', [sum, term]);
  }
  g.op('Identity', [sum], {}, 'inputs_embeds');
  return g.spec;
}

/** A fixed, non-trivial direction for the id/position content; zero on the flag components. */
function contentPattern(): Float32Array {
  const pattern = new Float32Array(HIDDEN_SIZE);
  for (let i = FLAG_DIMS.reserved; i < HIDDEN_SIZE; i++) pattern[i] = Math.sin(i * 0.37) + 0.5;
  return pattern;
}
