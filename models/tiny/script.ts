/**
 * The scripted behaviour of the tiny stand-in model, stated once so the graph generator
 * builds it and tests anywhere compute expected output (token sequences, audio lengths)
 * instead of hard-coding numbers.
 *
 * How it works: embed_tokens writes flags into the first components of each embedding
 * (text position, speech position, runaway trigger); the language model copies embeddings
 * into every KV-cache tensor, sums the flags over the whole context and so knows
 * T = text tokens in the prompt and k = speech tokens generated so far. Its logits put a
 * large value on token(k, T) (and three weaker alternatives), or on the stop id once
 * k >= speechTokenCount(T). The decoder renders each speech token as 960 samples of a
 * tone whose pitch depends on the token id.
 */
import { TOKENS } from '../contract.ts';

/** Embedding components the tiny graphs reserve for flags (the rest carry id/position data). */
export const FLAG_DIMS = { text: 0, exaggeration: 1, speech: 2, runaway: 3, reserved: 8 } as const;

export const TINY_SCRIPT = {
  /**
   * Speech tokens generated per text token (T counts [START] .. [STOP] inclusive); below 1 so
   * tests stay fast: every step copies the 60 real-sized KV tensors.
   */
  speechTokensPerTextToken: 0.5,
  /** Logit of the scripted token; every other id sits at 0. */
  targetLogit: 30,
  /** The three alternatives sit this far below the target: invisible to min_p 0.05 at temperature 0.8, sampled at high temperature. */
  alternativeGap: 4,
  alternativeOffsets: [1000, 2000, 3000],
  textFactor: 37,
  stepFactor: 101,
  /** Scripted ids cycle through 1..modulus; 101 is coprime with it, so a chunk never repeats a token. */
  modulus: 6500,
  /** Runaway mode: period-4 cycle from this id, never stopping (exercises the repetition cut-off). */
  runawayBase: 6100,
  runawayPeriod: 4,
  /** Text token that switches a prompt into runaway mode (tiny tokenizer only). */
  runawayTextToken: '[runaway]',
  runawayTextTokenId: 2300,
  /** Speech tokens the template puts before generation: two START_SPEECH ids. */
  promptSpeechTokens: 2,
} as const;

/** Audio of one speech token: 2 mel frames x 480 samples at 24 kHz. */
export const TINY_SAMPLES_PER_TOKEN = 960;
/** Tone frequencies are multiples of 25 Hz, so each 40 ms token holds whole cycles (no clicks). */
export const TINY_TONE_STEP_HZ = 25;
export const TINY_TONE_BASE_STEPS = 4;
export const TINY_TONE_STEPS = 40;

/** Speech tokens the tiny model generates before the stop id for a prompt with `textTokens` text tokens. */
export function tinySpeechTokenCount(textTokens: number): number {
  return Math.ceil(TINY_SCRIPT.speechTokensPerTextToken * textTokens);
}

/** The k-th scripted speech token (0-based) for a prompt with `textTokens` text tokens. */
export function tinySpeechToken(k: number, textTokens: number): number {
  const { textFactor, stepFactor, modulus } = TINY_SCRIPT;
  return 1 + ((textTokens * textFactor + k * stepFactor) % modulus);
}

/** The whole greedy sequence, without the stop id that follows it. */
export function tinySpeechTokens(textTokens: number): number[] {
  return Array.from({ length: tinySpeechTokenCount(textTokens) }, (_, k) => tinySpeechToken(k, textTokens));
}

/** The k-th token in runaway mode. */
export function tinyRunawayToken(k: number): number {
  return TINY_SCRIPT.runawayBase + (k % TINY_SCRIPT.runawayPeriod);
}

/** The weaker alternatives offered next to a scripted token (sampled only at high temperature or min_p 0). */
export function tinyAlternatives(token: number): number[] {
  return TINY_SCRIPT.alternativeOffsets.map((offset) => 1 + ((token - 1 + offset) % TINY_SCRIPT.modulus));
}

/** Pitch of the tone the tiny decoder renders for a speech token. */
export function tinyToneHz(token: number): number {
  return TINY_TONE_STEP_HZ * (TINY_TONE_BASE_STEPS + (token % TINY_TONE_STEPS));
}

/** Samples the tiny decoder renders for `speechTokens` generated tokens (the prompt part is cut, as in the real decoder). */
export function tinyAudioSamples(speechTokens: number): number {
  return speechTokens * TINY_SAMPLES_PER_TOKEN;
}

/** Speech encoder: prompt tokens for a clip of `samples` samples (first 10 s, one token per 960 samples). */
export function tinyPromptTokenCount(samples: number): number {
  return Math.floor(Math.min(samples, MAX_PROMPT_SAMPLES) / TINY_SAMPLES_PER_TOKEN);
}

/** The speech encoder looks at the first 10 s at 24 kHz for prompt tokens and features. */
export const MAX_PROMPT_SAMPLES = 240_000;

export const STOP_TOKEN = TOKENS.stopSpeech;
