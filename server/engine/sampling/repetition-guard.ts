/**
 * Runaway cut-off: the community export has no attention outputs, so upstream's alignment
 * analyzer cannot run; instead we look for the tail of the token stream repeating one short
 * pattern (as the WinSTT, QVAC and C# ports do, reference §5.3). When the last
 * `max(minRepeats x period, minSpan)` tokens are one pattern of `period` tokens repeated,
 * generation stops and only one copy of the pattern is kept.
 */
export interface RepetitionGuardOptions {
  /** Longest pattern looked for, in tokens. @defaultValue 16 */
  maxPeriod?: number;
  /** The repeated tail must span at least this many tokens (25 tokens = 1 s). @defaultValue 50 */
  minSpan?: number;
  /** ... and hold the pattern at least this many times. @defaultValue 3 */
  minRepeats?: number;
}

export const DEFAULT_REPETITION_GUARD: Required<RepetitionGuardOptions> = { maxPeriod: 16, minSpan: 50, minRepeats: 3 };

/** Length to keep when the tail of `tokens` is a runaway loop, else undefined. */
export function findRunawayCut(tokens: readonly number[], options: RepetitionGuardOptions = {}): number | undefined {
  const { maxPeriod, minSpan, minRepeats } = { ...DEFAULT_REPETITION_GUARD, ...options };
  const n = tokens.length;
  for (let period = 1; period <= maxPeriod; period++) {
    const span = Math.max(period * minRepeats, Math.ceil(minSpan / period) * period);
    if (span > n) continue;
    let repeating = true;
    for (let i = n - span; i < n - period && repeating; i++) repeating = tokens[i] === tokens[i + period];
    if (repeating) return n - span + period;
  }
  return undefined;
}
