/**
 * The last text step, run by the engine with the loaded tokenizer's vocabulary: a character
 * the tokenizer has no token for would become [UNK] (garbled or silent speech). It is replaced
 * by its compatibility decomposition when that is speakable (ﬁ -> fi, ² -> 2, accents split off
 * when only the base letter is known), otherwise dropped and counted, never passed on silently.
 */
export interface SpeakableText {
  text: string;
  /** Dropped characters with how often each occurred. */
  dropped: Record<string, number>;
}

const COMBINING_MARK = /\p{M}/u;

export function keepSpeakable(text: string, isKnownChar: (char: string) => boolean): SpeakableText {
  const dropped: Record<string, number> = {};
  let kept = '';
  for (const char of text) {
    if (isKnownChar(char)) {
      kept += char;
      continue;
    }
    const fallback = transliterate(char, isKnownChar);
    if (fallback === undefined) dropped[char] = (dropped[char] ?? 0) + 1;
    else kept += fallback;
  }
  // A dropped character between spaces leaves two; the model reads one.
  return { text: Object.keys(dropped).length > 0 ? kept.replace(/ {2,}/gu, ' ').trim() : kept, dropped };
}

/** NFKD, without the combining marks the tokenizer does not know; undefined when nothing speakable is left. */
function transliterate(char: string, isKnownChar: (char: string) => boolean): string | undefined {
  const parts = [...char.normalize('NFKD')].filter((part) => isKnownChar(part) || !COMBINING_MARK.test(part));
  if (parts.length === 0 || !parts.every(isKnownChar)) return undefined;
  return parts.join('');
}
