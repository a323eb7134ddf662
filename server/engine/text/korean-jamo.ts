/**
 * Korean: Hangul syllables become conjoining jamo, as upstream's `korean_normalize` does;
 * the vocabulary has jamo, not syllables (resemble-ai/chatterbox,
 * src/chatterbox/models/tokenizers/tokenizer.py).
 */
const SYLLABLE_FIRST = 0xac00;
const SYLLABLE_LAST = 0xd7af;
const INITIAL_BASE = 0x1100;
const MEDIAL_BASE = 0x1161;
const FINAL_BASE = 0x11a7;
const MEDIALS = 21;
const FINALS = 28;

export function decomposeHangul(text: string): string {
  let result = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < SYLLABLE_FIRST || code > SYLLABLE_LAST) {
      result += char;
      continue;
    }
    const base = code - SYLLABLE_FIRST;
    result += String.fromCodePoint(INITIAL_BASE + Math.floor(base / (MEDIALS * FINALS)));
    result += String.fromCodePoint(MEDIAL_BASE + Math.floor((base % (MEDIALS * FINALS)) / FINALS));
    if (base % FINALS > 0) result += String.fromCodePoint(FINAL_BASE + (base % FINALS));
  }
  return result.trim();
}
