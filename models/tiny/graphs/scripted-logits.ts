/**
 * The tiny language model's logits from the flags of its context (see ../script.ts), per
 * batch row. All values are [B] floats until the one-hot rows [B,V].
 *
 * A row with text tokens is conditional: target token s (+ three weaker alternatives) and a
 * stronger decoy d. A row with text positions but no text tokens is unconditional: it puts
 * uncondDecoyLogit on its own decoy, which CFG subtracts, so cond + w (cond - uncond) picks s
 * only if the unconditional row has exactly the positions the conditional one has.
 */
import { SPEECH_VOCAB_SIZE, TOKENS } from '../../contract.ts';
import type { GraphBuilder } from '../../onnx/graph-builder.ts';
import { FLAG_DIMS, TINY_SCRIPT } from '../script.ts';

const INT64 = 7;

/** Logits [B, V] from the context flag sums [B, 64]. */
export function scriptedLogits(g: GraphBuilder, flags: string): string {
  const s = TINY_SCRIPT;
  const flag = (dim: number) => g.op('Gather', [flags, g.i64([dim], [])], { axis: 1 });
  const textCount = flag(FLAG_DIMS.textToken);
  const positionCount = flag(FLAG_DIMS.textPosition);
  const isUncond = g.op('Less', [textCount, g.f32([0.5])]);
  const texts = g.op('Where', [isUncond, positionCount, textCount]);
  const k = g.op('Sub', [flag(FLAG_DIMS.speechToken), g.f32([s.promptSpeechTokens])]);
  const error = inconsistency(g, flag, k, isUncond);

  const raw = sum(g, [mul(g, texts, s.textFactor), mul(g, k, s.stepFactor), mul(g, error, s.errorFactor)]);
  const token = wrapToken(g, raw);
  const decoy = wrapToken(g, g.op('Add', [token, g.f32([s.decoyOffset - 1])]));
  const stop = g.op('GreaterOrEqual', [k, mul(g, texts, s.speechTokensPerTextToken)]);
  const runaway = g.op('Greater', [flag(FLAG_DIMS.runaway), g.f32([0.5])]);
  const stuck = g.op('Greater', [flag(FLAG_DIMS.stuck), g.f32([0.5])]);

  let normal = g.op('Add', [oneHot(g, token, s.targetLogit), oneHot(g, decoy, s.decoyLogit)]);
  for (const offset of s.alternativeOffsets) {
    normal = g.op('Add', [normal, oneHot(g, wrapToken(g, g.op('Add', [token, g.f32([offset - 1])])), s.targetLogit - s.alternativeGap)]);
  }
  const specialTarget = g.op('Where', [stuck, g.f32([s.stuckToken]), g.op('Where', [runaway, runawayToken(g, k), g.f32([TOKENS.stopSpeech])])]);
  const special = g.op('Or', [g.op('Or', [stop, runaway]), stuck]);
  const cond = g.op('Where', [column(g, special), oneHot(g, specialTarget, s.targetLogit), normal]);
  const uncond = g.op('Where', [column(g, stop), g.f32([0]), oneHot(g, decoy, s.uncondDecoyLogit)]);
  return g.op('Where', [column(g, isUncond), uncond, cond]);
}

/**
 * 0 when the context is what the host must feed: text positions 0..n-1, speech positions
 * 0, 0, 1..k, 33 conditioning rows, and (conditional rows) one position per text token.
 */
function inconsistency(g: GraphBuilder, flag: (dim: number) => string, k: string, isUncond: string): string {
  const positions = flag(FLAG_DIMS.textPosition);
  const expectedPositionSum = g.op('Mul', [g.op('Mul', [positions, g.op('Sub', [positions, g.f32([1])])]), g.f32([0.5])]);
  const expectedSpeechSum = g.op('Mul', [g.op('Mul', [k, g.op('Add', [k, g.f32([1])])]), g.f32([0.5])]);
  const positionError = g.op('Sub', [flag(FLAG_DIMS.textPositionValue), expectedPositionSum]);
  const speechError = g.op('Sub', [flag(FLAG_DIMS.speechPositionValue), expectedSpeechSum]);
  const conditioningError = g.op('Sub', [flag(FLAG_DIMS.conditioning), g.f32([TINY_SCRIPT.conditioningRows])]);
  const countError = g.op('Where', [isUncond, g.f32([0]), g.op('Sub', [positions, flag(FLAG_DIMS.textToken)])]);
  return sum(g, [positionError, speechError, conditioningError, countError]);
}

/** runawayBase + (k mod period), shifted in one place of every odd copy. */
function runawayToken(g: GraphBuilder, k: string): string {
  const s = TINY_SCRIPT;
  const phase = g.op('Mod', [k, g.f32([s.runawayPeriod])], { fmod: 1 });
  const copy = g.op('Floor', [g.op('Div', [k, g.f32([s.runawayPeriod])])]);
  const oddCopy = g.op('Equal', [g.op('Mod', [copy, g.f32([2])], { fmod: 1 }), g.f32([1])]);
  const mismatch = g.op('And', [oddCopy, g.op('Equal', [phase, g.f32([s.runawayMismatchAt])])]);
  const shift = g.op('Where', [mismatch, g.f32([s.runawayMismatchShift]), g.f32([0])]);
  return sum(g, [phase, shift, g.f32([s.runawayBase])]);
}

/** 1 + (x mod modulus), for negative x too. */
function wrapToken(g: GraphBuilder, x: string): string {
  const m = g.f32([TINY_SCRIPT.modulus]);
  const once = g.op('Mod', [x, m], { fmod: 1 });
  return g.op('Add', [g.op('Mod', [g.op('Add', [once, m]), m], { fmod: 1 }), g.f32([1])]);
}

function oneHot(g: GraphBuilder, index: string, value: number): string {
  const indices = g.op('Cast', [index], { to: INT64 });
  return g.op('OneHot', [indices, g.i64([SPEECH_VOCAB_SIZE], []), g.f32([0, value])], { axis: -1 });
}

function column(g: GraphBuilder, value: string): string {
  return g.op('Unsqueeze', [value, g.i64([1])]);
}

function mul(g: GraphBuilder, value: string, factor: number): string {
  return g.op('Mul', [value, g.f32([factor])]);
}

function sum(g: GraphBuilder, values: string[]): string {
  return values.reduce((total, value) => g.op('Add', [total, value]));
}
