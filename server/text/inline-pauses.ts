/**
 * Inline pause tags: `[pause 500ms]`, `[pause 1.5s]` and SSML `<break time="500ms"/>` (a bare
 * `<break/>` is a medium pause, 500 ms). They are swapped for a private-use marker before Markdown
 * parsing, so they survive it wherever they stand, and the text is cut at the markers later.
 */
const PAUSE_TAG = /\[pause\s+(\d+(?:[.,]\d+)?)\s*(ms|s)\s*\]|<break(?:\s+time\s*=\s*["']\s*(\d+(?:[.,]\d+)?)\s*(ms|s)\s*["'])?\s*\/?>/giu;
const MARKER = /\uE000(\d+)\uE001/gu;
const MEDIUM_BREAK_MS = 500;

export interface PausedSegment {
  text: string;
  /** The inline pause that follows this segment, if any. */
  pauseAfterMs?: number;
}

export function markPauses(text: string, clamp: (ms: number) => number): string {
  return text.replace(PAUSE_TAG, (_all, value?: string, unit?: string, ssmlValue?: string, ssmlUnit?: string) => {
    const amount = value ?? ssmlValue;
    const ms = amount === undefined ? MEDIUM_BREAK_MS : Number(amount.replace(',', '.')) * ((unit ?? ssmlUnit)?.toLowerCase() === 's' ? 1000 : 1);
    return ` \uE000${clamp(ms)}\uE001 `;
  });
}

export function splitAtPauses(text: string): PausedSegment[] {
  const segments: PausedSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(MARKER)) {
    segments.push({ text: text.slice(last, match.index), pauseAfterMs: Number(match[1]) });
    last = match.index + match[0].length;
  }
  segments.push({ text: text.slice(last) });
  return segments;
}
