/**
 * The scripted behaviour of the tiny stand-in model, stated once so the graph generator
 * builds it and tests anywhere compute expected output (token sequences, audio lengths)
 * instead of hard-coding numbers.
 *
 * How it works: embed_tokens looks text ids and positions up in real-shaped tables (the text
 * table [2352,1024] and the text position table [2050,1024], like the real graph) whose rows
 * carry flags in the first components; speech ids and positions get flags too. The language
 * model sums the flags over its whole context, weighted by attention_mask, and so knows, per
 * batch row: T = text tokens, the text positions and their sum, k = speech tokens generated so
 * far and the sum of their positions, and the 33 conditioning rows. Any inconsistency (a wrong
 * position, a masked row) shifts the scripted token. A row without text tokens but with text
 * positions is an unconditional (CFG) row: it pushes the decoy token down, so only the exact
 * upstream unconditional row (token embeddings zeroed, position embeddings kept) gives the
 * scripted token after CFG; without CFG the decoy wins (see tinyDecoyToken).
 * The decoder renders each speech token as 960 samples of a tone (pitch from the id, level
 * and timbre from the voice) plus a little noise from an in-graph random op, like the real one.
 */

/** Embedding components the tiny graphs reserve for flags (the rest carry id/position data). */
export const FLAG_DIMS = {
  textToken: 0,
  exaggeration: 1,
  speechToken: 2,
  runaway: 3,
  textPosition: 4,
  textPositionValue: 5,
  speechPositionValue: 6,
  stuck: 7,
  conditioning: 8,
  reserved: 16,
} as const;

export const TINY_SCRIPT = {
  /**
   * Speech tokens generated per text token (T counts [START] .. [STOP] inclusive); below 1 so
   * tests stay fast: every step copies the 60 real-sized KV tensors.
   */
  speechTokensPerTextToken: 0.5,
  /** Logit of the scripted token in a conditional row; every other id sits at 0. */
  targetLogit: 30,
  /** The three alternatives sit this far below the target: invisible to min_p 0.05 at temperature 0.8, sampled at high temperature. */
  alternativeGap: 4,
  alternativeOffsets: [1000, 2000, 3000],
  /** A conditional row also puts this on the decoy token, above the target: without CFG the decoy wins. */
  decoyLogit: 35,
  decoyOffset: 4321,
  /** An unconditional row puts this on its decoy, which CFG subtracts: cond + w (cond - uncond). */
  uncondDecoyLogit: 60,
  textFactor: 37,
  stepFactor: 101,
  /** Shift per unit of inconsistency (positions, mask): a wrong input changes the tokens. */
  errorFactor: 13,
  /** Scripted ids cycle through 1..modulus; 101 is coprime with it, so a chunk never repeats a token. */
  modulus: 6500,
  /** Conditioning rows the speech encoder returns (each carries one conditioning flag). */
  conditioningRows: 33,
  /** Speech tokens the template puts before generation: two START_SPEECH ids, at position 0. */
  promptSpeechTokens: 2,
  /** Runaway mode: a period-10 loop from runawayBase, never stopping, with one changed token in every other copy. */
  runawayBase: 6100,
  runawayPeriod: 10,
  runawayMismatchAt: 3,
  runawayMismatchShift: 50,
  /** Character that switches a prompt into runaway mode (tiny tokenizer only), and its text id. */
  runawayChar: '∞',
  runawayTextTokenId: 2300,
  /** Stuck mode: the same token forever (exercises upstream's two-identical-tokens rule). */
  stuckToken: 6200,
  stuckChar: '≡',
  stuckTextTokenId: 2301,
} as const;

/** Audio of one speech token: 2 mel frames x 480 samples at 24 kHz. */
export const TINY_SAMPLES_PER_TOKEN = 960;
/** Tone frequencies are multiples of 25 Hz, so each 40 ms token holds whole cycles (no clicks). */
const TINY_TONE_STEP_HZ = 25;
const TINY_TONE_BASE_STEPS = 4;
export const TINY_TONE_STEPS = 40;
/** Standard deviation of the decoder's own noise, relative to the tone level. */
export const TINY_NOISE_LEVEL = 0.02;

/** Speech tokens the tiny model generates before the stop id for a prompt with `textTokens` text tokens. */
export function tinySpeechTokenCount(textTokens: number): number {
  return Math.ceil(TINY_SCRIPT.speechTokensPerTextToken * textTokens);
}

/** The k-th scripted speech token (0-based) for a prompt with `textTokens` text tokens (with CFG, or the decoy without). */
export function tinySpeechToken(k: number, textTokens: number): number {
  const { textFactor, stepFactor, modulus } = TINY_SCRIPT;
  return 1 + ((textTokens * textFactor + k * stepFactor) % modulus);
}

/** The whole sequence with CFG (cfg_weight 0.5), without the stop id that follows it. */
export function tinySpeechTokens(textTokens: number): number[] {
  return Array.from({ length: tinySpeechTokenCount(textTokens) }, (_, k) => tinySpeechToken(k, textTokens));
}

/** The token a conditional row favours over `token`: without CFG (cfg_weight 0) the model says this instead. */
export function tinyDecoyToken(token: number): number {
  return 1 + ((token - 1 + TINY_SCRIPT.decoyOffset) % TINY_SCRIPT.modulus);
}

/** The k-th token in runaway mode: a period-10 loop, every odd copy with one token changed. */
export function tinyRunawayToken(k: number): number {
  const { runawayBase, runawayPeriod, runawayMismatchAt, runawayMismatchShift } = TINY_SCRIPT;
  const copy = Math.floor(k / runawayPeriod);
  const mismatch = copy % 2 === 1 && k % runawayPeriod === runawayMismatchAt ? runawayMismatchShift : 0;
  return runawayBase + (k % runawayPeriod) + mismatch;
}

/** Pitch of the tone the tiny decoder renders for a speech token. */
export function tinyToneHz(token: number): number {
  return TINY_TONE_STEP_HZ * (TINY_TONE_BASE_STEPS + (token % TINY_TONE_STEPS));
}

/** Samples the tiny decoder renders for `speechTokens` generated tokens (the prompt part is cut, as in the real decoder). */
export function tinyAudioSamples(speechTokens: number): number {
  return speechTokens * TINY_SAMPLES_PER_TOKEN;
}

/** The speech encoder looks at the first 10 s at 24 kHz for prompt tokens and features. */
export const MAX_PROMPT_SAMPLES = 240_000;
