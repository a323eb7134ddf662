/**
 * The per-step logits pipeline of upstream T3 inference (resemble-ai/chatterbox,
 * src/chatterbox/models/t3/t3.py `inference`), one function per
 * step, each working in place on a Float32Array over the 8194-wide speech vocabulary:
 * CFG combine -> mask impossible ids -> repetition penalty -> temperature -> softmax ->
 * min_p -> top_p -> sample.
 */
import { SPEECH_VOCAB_SIZE, TOKENS } from '../../../models/contract.ts';
import type { RandomSource } from './seeded-random.ts';

/** cond + w * (cond - uncond), written into `cond`. */
export function combineCfg(cond: Float32Array, uncond: Float32Array, weight: number): Float32Array {
  for (let i = 0; i < cond.length; i++) cond[i] = cond[i]! + weight * (cond[i]! - uncond[i]!);
  return cond;
}

/**
 * Only speech codes 0..6560 and the stop id are real choices: START_SPEECH (6561) and
 * everything above the stop id would reach the decoder, which accepts none of them.
 */
export function maskImpossibleTokens(logits: Float32Array): Float32Array {
  logits[TOKENS.startSpeech] = -Infinity;
  logits.fill(-Infinity, TOKENS.stopSpeech + 1, Math.min(logits.length, SPEECH_VOCAB_SIZE));
  return logits;
}

/** HF rule over each id once: positive logits divided by the penalty, negative ones multiplied. */
export function applyRepetitionPenalty(logits: Float32Array, ids: Iterable<number>, penalty: number): Float32Array {
  if (penalty === 1) return logits;
  for (const id of ids) {
    const value = logits[id]!;
    logits[id] = value > 0 ? value / penalty : value * penalty;
  }
  return logits;
}

export function applyTemperature(logits: Float32Array, temperature: number): Float32Array {
  if (temperature === 1) return logits;
  const inverse = 1 / temperature;
  for (let i = 0; i < logits.length; i++) logits[i] = logits[i]! * inverse;
  return logits;
}

/** Softmax of `logits` into `probs` (both may be the same array). */
export function softmax(logits: Float32Array, probs: Float32Array = logits): Float32Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i]! > max) max = logits[i]!;
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    const p = Math.exp(logits[i]! - max);
    probs[i] = p;
    sum += p;
  }
  const inverse = 1 / sum;
  for (let i = 0; i < probs.length; i++) probs[i] = probs[i]! * inverse;
  return probs;
}

/** HF MinP: drops ids whose probability is below minP times the largest one. */
export function applyMinP(probs: Float32Array, minP: number): Float32Array {
  if (minP <= 0) return probs;
  let max = 0;
  for (let i = 0; i < probs.length; i++) if (probs[i]! > max) max = probs[i]!;
  const threshold = minP * max;
  for (let i = 0; i < probs.length; i++) if (probs[i]! < threshold) probs[i] = 0;
  return probs;
}

/**
 * HF TopP (nucleus): keeps the most probable ids whose mass reaches topP of what is left
 * (the id that crosses the line stays), drops the rest. Only the surviving ids are sorted.
 */
export function applyTopP(probs: Float32Array, topP: number): Float32Array {
  if (topP >= 1) return probs;
  const candidates: number[] = [];
  let total = 0;
  for (let i = 0; i < probs.length; i++) {
    if (probs[i]! > 0) {
      candidates.push(i);
      total += probs[i]!;
    }
  }
  candidates.sort((a, b) => probs[b]! - probs[a]!);
  let kept = 0;
  let index = 0;
  for (; index < candidates.length && kept < topP * total; index++) kept += probs[candidates[index]!]!;
  for (; index < candidates.length; index++) probs[candidates[index]!] = 0;
  return probs;
}

/** Draws an id in proportion to `weights` (they need not sum to 1). */
export function sampleIndex(weights: Float32Array, random: RandomSource): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  let threshold = random() * total;
  let last = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (w <= 0) continue;
    last = i;
    threshold -= w;
    if (threshold < 0) return i;
  }
  return last; // rounding left a sliver: the last possible id
}
