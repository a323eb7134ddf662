/**
 * Characters nobody hears: zero-width marks, bidi controls, the BOM, soft hyphens and other
 * control/format characters (Unicode Cc and Cf) except line breaks and tabs, which still mark
 * paragraphs. Text made only of these is empty text.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\u{2028}\u{2029}]/gu;
const KEEP = new Set(['\n', '\t', '\r']);

export function removeInvisible(text: string): string {
  return text.replace(INVISIBLE, (ch) => (KEEP.has(ch) ? ch : ch === '\u2028' || ch === '\u2029' ? '\n' : ''));
}
