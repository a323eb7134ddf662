/**
 * One decoding step's choice, in upstream order: CFG combine -> mask impossible ids ->
 * repetition penalty -> temperature -> softmax -> min_p -> top_p -> sample.
 *
 * It computes exactly what the step functions of logits-processors.ts compute, fused for
 * speed (this runs once per token over 8194 logits, with buffers allocated once):
 * - only ids 0..stop are visited (the rest are masked anyway);
 * - min_p is applied in logit space before the softmax (p_i < minP * p_max  <=>
 *   l_i < l_max + T * ln(minP)), so exp() runs only for surviving ids;
 * - top_p sorts only the survivors that can be in the nucleus (nucleus.ts), as packed
 *   numeric keys (no comparator calls), and is skipped when top_p = 1.
 * Tests check it against the step-by-step pipeline and against recorded draws.
 */
import { SPEECH_VOCAB_SIZE, TOKENS } from '../../../models/contract.ts';
import { Nucleus } from './nucleus.ts';
import type { RandomSource } from './seeded-random.ts';

export interface SamplingSettings {
  cfgWeight: number;
  temperature: number;
  repetitionPenalty: number;
  minP: number;
  topP: number;
}

/** Ids above the stop token are never a choice, so the loops end here. */
const CHOICES = TOKENS.stopSpeech + 1;

export class TokenSampler {
  private readonly logits = new Float32Array(SPEECH_VOCAB_SIZE);
  private readonly probs = new Float32Array(SPEECH_VOCAB_SIZE);
  private readonly survivors = new Int32Array(SPEECH_VOCAB_SIZE);
  private readonly nucleus = new Nucleus(SPEECH_VOCAB_SIZE);

  constructor(
    private readonly settings: SamplingSettings,
    private readonly random: RandomSource,
  ) {}

  /** Picks the next id from the conditional row and, when guidance is on, the unconditional row (neither is modified). */
  next(cond: Float32Array, uncond: Float32Array | undefined, generated: ReadonlySet<number>): number {
    const max = this.prepareLogits(cond, uncond, generated);
    const count = this.softmaxSurvivors(max);
    const kept = this.settings.topP < 1 ? this.nucleus.keep(this.probs, this.survivors, count, this.settings.topP) : count;
    return this.draw(kept);
  }

  /** CFG combine, mask, repetition penalty into the scratch buffer; returns the largest logit. */
  private prepareLogits(cond: Float32Array, uncond: Float32Array | undefined, generated: ReadonlySet<number>): number {
    const logits = this.logits;
    if (uncond) {
      const w = this.settings.cfgWeight;
      for (let i = 0; i < CHOICES; i++) logits[i] = cond[i]! + w * (cond[i]! - uncond[i]!);
    } else logits.set(cond.subarray(0, CHOICES));
    logits[TOKENS.startSpeech] = -Infinity;
    const penalty = this.settings.repetitionPenalty;
    if (penalty !== 1) {
      for (const id of generated) {
        if (id >= CHOICES) continue;
        const value = logits[id]!;
        logits[id] = value > 0 ? value / penalty : value * penalty;
      }
    }
    let max = -Infinity;
    for (let i = 0; i < CHOICES; i++) if (logits[i]! > max) max = logits[i]!;
    return max;
  }

  /** Temperature + softmax + min_p over the ids that survive min_p; returns how many survived. */
  private softmaxSurvivors(max: number): number {
    const { logits, probs, survivors } = this;
    const { temperature, minP } = this.settings;
    const cut = minP > 0 ? max + temperature * Math.log(minP) : -Infinity;
    const inverseTemperature = 1 / temperature;
    let count = 0;
    let sum = 0;
    for (let i = 0; i < CHOICES; i++) {
      const value = logits[i]!;
      if (value < cut || value === -Infinity) continue;
      const p = Math.exp((value - max) * inverseTemperature);
      probs[count] = p;
      survivors[count++] = i;
      sum += p;
    }
    const inverse = 1 / sum;
    for (let k = 0; k < count; k++) probs[k] = probs[k]! * inverse;
    return count;
  }

  private draw(count: number): number {
    const { probs, survivors } = this;
    let total = 0;
    for (let k = 0; k < count; k++) total += probs[k]!;
    let threshold = this.random() * total;
    for (let k = 0; k < count; k++) {
      threshold -= probs[k]!;
      if (threshold < 0) return survivors[k]!;
    }
    return survivors[count - 1]!; // rounding left a sliver: the last survivor
  }
}
