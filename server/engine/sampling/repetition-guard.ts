/**
 * Run-away stops that need no attention outputs (the community export has none for upstream's
 * alignment analyzer):
 * - the multilingual v1/v2 rule: two identical tokens in a row force the stop token
 *   (`token_repetition` in resemble-ai/chatterbox,
 *   src/chatterbox/models/t3/inference/alignment_stream_analyzer.py @a9742ee; upstream's list
 *   starts with the start-of-speech id, so its "at least 3" means at least 2 generated);
 * - a near-repeating tail: one cycle of up to 64 tokens repeated back to back, each copy
 *   matching the first in all but period/8 places (dahshury/WinSTT,
 *   src-tauri/src/winstt/tts/chatterbox.rs @3ed04c2, `loop_cycle`: a backbone looping on a
 *   phrase re-renders it with slightly different tokens). One copy is kept.
 */
export interface RepetitionGuardOptions {
  /** Longest cycle looked for, in tokens (64 = 2.6 s). @defaultValue 64 */
  maxPeriod?: number;
  /** The repeating tail must span at least this many tokens (32 = 1.28 s). @defaultValue 32 */
  minSpan?: number;
  /** ... and hold the cycle at least this many times. @defaultValue 2 */
  minCycles?: number;
  /** Each copy may differ from the first in floor(period / mismatchDivisor) places. @defaultValue 8 */
  mismatchDivisor?: number;
}

const DEFAULT_REPETITION_GUARD: Required<RepetitionGuardOptions> = { maxPeriod: 64, minSpan: 32, minCycles: 2, mismatchDivisor: 8 };

/** True once at least two tokens exist and the last two are the same (upstream's forced stop). */
export function endsWithRepeatedToken(tokens: readonly number[]): boolean {
  const n = tokens.length;
  return n >= 2 && tokens[n - 1] === tokens[n - 2];
}

/** Length to keep when the tail of `tokens` is a (near-)repeating loop, else undefined. The shortest period wins. */
export function findRunawayCut(tokens: readonly number[], options: RepetitionGuardOptions = {}): number | undefined {
  const { maxPeriod, minSpan, minCycles, mismatchDivisor } = { ...DEFAULT_REPETITION_GUARD, ...options };
  const n = tokens.length;
  for (let period = 1; period <= maxPeriod; period++) {
    const span = period * Math.max(minCycles, Math.ceil(minSpan / period));
    if (span > n) continue;
    if (copiesMatch(tokens, n - span, span, period, Math.floor(period / mismatchDivisor))) return n - span + period;
  }
  return undefined;
}

/** Every period-long copy in tokens[start, start+span) differs from the first copy in at most `budget` places. */
function copiesMatch(tokens: readonly number[], start: number, span: number, period: number, budget: number): boolean {
  for (let copy = start + period; copy < start + span; copy += period) {
    let mismatches = 0;
    for (let i = 0; i < period; i++) if (tokens[copy + i] !== tokens[start + i] && ++mismatches > budget) return false;
  }
  return true;
}
