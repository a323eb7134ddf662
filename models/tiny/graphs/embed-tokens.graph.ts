/**
 * Tiny embed_tokens: the real contract and the real row semantics (indices up to the first 0
 * are text, the rest speech, 6563 is the exaggeration slot; VladOS95-cyber/onnx_conversion_scripts,
 * chatterbox/chatterbox_to_onnx_conversion_script.py @98928fc, class `InputsEmbeds`). Text rows are
 * `text_emb[id] + text_pos_emb[position]` gathered from tables of the real shapes ([2352,1024] and
 * [2050,1024], stored in the sidecar like the real weights), so the service finds the position
 * table the way it does in the real graph. Table rows carry the flags the tiny LM counts.
 */
import { GRAPH_CONTRACTS, HIDDEN_SIZE, TEXT_POSITION_ROWS, TEXT_VOCAB_SIZE, TOKENS } from '../../contract.ts';
import { GraphBuilder, type GraphSpec } from '../../onnx/graph-builder.ts';
import { FLAG_DIMS, TINY_SCRIPT } from '../script.ts';
import { addContractIo, contentPattern, unitVector } from './graph-helpers.ts';

const FLOAT = 1;
/** Scales ids and positions into the non-flag components, so embeddings differ per token. */
const ID_SCALE = 1e-3;
const POSITION_SCALE = 1e-4;
const ID_PATTERN = contentPattern(FLAG_DIMS.reserved, 0.37);
const POSITION_PATTERN = contentPattern(FLAG_DIMS.reserved, 0.11);

export function buildEmbedTokensGraph(): GraphSpec {
  const g = new GraphBuilder('embed_tokens');
  addContractIo(g, GRAPH_CONTRACTS.embed_tokens);
  const ids = 'input_ids';
  const isZero = g.op('Cast', [g.op('Equal', [ids, g.i64([0])])], { to: FLOAT });
  const zerosBefore = g.op('Sub', [g.op('CumSum', [isZero, g.i64([1], [])]), isZero]);
  const rowHasZero = g.op('ReduceMax', [isZero], { axes: [1], keepdims: 1 });
  const textPart = g.op('Mul', [rowHasZero, g.op('Cast', [g.op('Equal', [zerosBefore, g.f32([0])])], { to: FLOAT })]);
  const isExaggeration = g.op('Cast', [g.op('Equal', [ids, g.i64([TOKENS.exaggeration])])], { to: FLOAT });
  const notExaggeration = g.op('Sub', [g.f32([1]), isExaggeration]);
  const textMask = g.op('Mul', [textPart, notExaggeration]);
  const speechMask = g.op('Mul', [g.op('Sub', [g.f32([1]), textPart]), notExaggeration]);

  const isText = g.op('Greater', [textMask, g.f32([0.5])]);
  const safeIds = g.op('Where', [isText, ids, g.i64([0])]);
  const safePositions = g.op('Where', [isText, 'position_ids', g.i64([0])]);
  const textTable = g.initializer('float32', buildTextTable(), [TEXT_VOCAB_SIZE, HIDDEN_SIZE], 'text_emb.weight');
  const positionTable = g.initializer('float32', buildTextPositionTable(), [TEXT_POSITION_ROWS, HIDDEN_SIZE], 'text_pos_emb.weight');
  const text = g.op('Add', [g.op('Gather', [textTable, safeIds], { axis: 0 }), g.op('Gather', [positionTable, safePositions], { axis: 0 })]);

  const idValue = g.op('Cast', [ids], { to: FLOAT });
  const positionValue = g.op('Cast', ['position_ids'], { to: FLOAT });
  const speechContent = g.op('Add', [g.op('Mul', [idValue, g.f32([ID_SCALE])]), g.op('Mul', [positionValue, g.f32([POSITION_SCALE])])]);
  const speech = sumOfDirections(g, [
    [speechMask, unitVector(FLAG_DIMS.speechToken)],
    [positionValue, unitVector(FLAG_DIMS.speechPositionValue)],
    [speechContent, ID_PATTERN],
  ]);
  const exaggeration = g.op('Mul', [isExaggeration, g.op('Unsqueeze', ['exaggeration', g.i64([1])])]);

  const masked = (value: string, mask: string) => g.op('Mul', [value, g.op('Unsqueeze', [mask, g.i64([2])])]);
  const out = g.op('Add', [masked(text, textMask), masked(speech, speechMask)]);
  g.op('Add', [out, sumOfDirections(g, [[exaggeration, unitVector(FLAG_DIMS.exaggeration)]])], {}, 'inputs_embeds');
  return g.spec;
}

/** sum_i value_i[..., None] * direction_i: [B,S] scalars spread over HIDDEN_SIZE components. */
function sumOfDirections(g: GraphBuilder, parts: Array<[string, Float32Array]>): string {
  let sum = '';
  for (const [value, direction] of parts) {
    const term = g.op('Mul', [g.op('Unsqueeze', [value, g.i64([2])]), g.f32(direction, [HIDDEN_SIZE])]);
    sum = sum === '' ? term : g.op('Add', [sum, term]);
  }
  return sum;
}

/** Row id: the text-token flag, the mode triggers, id content. */
function buildTextTable(): Float32Array {
  const table = new Float32Array(TEXT_VOCAB_SIZE * HIDDEN_SIZE);
  for (let id = 0; id < TEXT_VOCAB_SIZE; id++) {
    const row = table.subarray(id * HIDDEN_SIZE, (id + 1) * HIDDEN_SIZE);
    for (let c = FLAG_DIMS.reserved; c < HIDDEN_SIZE; c++) row[c] = id * ID_SCALE * ID_PATTERN[c]!;
    row[FLAG_DIMS.textToken] = 1;
    if (id === TINY_SCRIPT.runawayTextTokenId) row[FLAG_DIMS.runaway] = 1;
    if (id === TINY_SCRIPT.stuckTextTokenId) row[FLAG_DIMS.stuck] = 1;
  }
  return table;
}

/** Row p: the text-position flag, the position itself, position content. */
function buildTextPositionTable(): Float32Array {
  const table = new Float32Array(TEXT_POSITION_ROWS * HIDDEN_SIZE);
  for (let p = 0; p < TEXT_POSITION_ROWS; p++) {
    const row = table.subarray(p * HIDDEN_SIZE, (p + 1) * HIDDEN_SIZE);
    for (let c = FLAG_DIMS.reserved; c < HIDDEN_SIZE; c++) row[c] = p * POSITION_SCALE * POSITION_PATTERN[c]!;
    row[FLAG_DIMS.textPosition] = 1;
    row[FLAG_DIMS.textPositionValue] = p;
  }
  return table;
}
