/**
 * When a chunk's generation ends without the stop token: upstream's two-identical-tokens rule,
 * a near-repeating loop (sampling/repetition-guard.ts), or a token cap in proportion to the
 * chunk's text. Upstream allows 1000 new tokens (40 s) whatever the text
 * (resemble-ai/chatterbox, src/chatterbox/mtl_tts.py @a9742ee); the QVAC port caps at 3 speech
 * tokens per prompt token, at least 50 (tetherto/qvac, ChatterboxEngine.cpp @59983b5,
 * SPEECH_TO_TEXT_MAX_RATIO and MIN_SPEECH_TOKENS). We allow twice QVAC's ratio: slowly read kana
 * and jamo reach about 3 speech tokens (120 ms) per text token, and the cap is the last guard;
 * the repetition rules stop loops long before it.
 */
import { endsWithRepeatedToken, findRunawayCut, type RepetitionGuardOptions } from '../sampling/repetition-guard.ts';

export type StopReason = 'stop_token' | 'max_tokens' | 'repeated_token' | 'repetition';

export interface StopRuleOptions {
  /** Two identical tokens in a row end the chunk (upstream multilingual v1/v2; v3 weights dropped it). @defaultValue true */
  stopOnRepeatedToken?: boolean;
  /** Speech tokens allowed per text token of the chunk ([START] .. [STOP]). @defaultValue 6 */
  tokensPerTextToken?: number;
  /** The cap never goes below this (3 s), so short chunks may pause. @defaultValue 75 */
  minTokenCap?: number;
  /** Near-repeat detection. @defaultValue DEFAULT_REPETITION_GUARD */
  loops?: RepetitionGuardOptions;
}

const DEFAULT_STOP_RULES = { stopOnRepeatedToken: true, tokensPerTextToken: 6, minTokenCap: 75 } as const;

/** New tokens allowed for a chunk: in proportion to its text, never above the request's maxNewTokens. */
export function speechTokenCap(textTokens: number, maxNewTokens: number, options: StopRuleOptions = {}): number {
  const perText = options.tokensPerTextToken ?? DEFAULT_STOP_RULES.tokensPerTextToken;
  const minimum = options.minTokenCap ?? DEFAULT_STOP_RULES.minTokenCap;
  return Math.min(maxNewTokens, Math.max(minimum, Math.ceil(perText * textTokens)));
}

/** After a token was added: how many tokens to keep and why generation stops, or undefined to go on. */
export function repetitionStop(tokens: readonly number[], options: StopRuleOptions = {}): { keep: number; reason: StopReason } | undefined {
  const repeatedToken = options.stopOnRepeatedToken ?? DEFAULT_STOP_RULES.stopOnRepeatedToken;
  // Upstream forces the stop token on the next step, so both identical tokens stay.
  if (repeatedToken && endsWithRepeatedToken(tokens)) return { keep: tokens.length, reason: 'repeated_token' };
  const cut = findRunawayCut(tokens, options.loops);
  return cut === undefined ? undefined : { keep: cut, reason: 'repetition' };
}
