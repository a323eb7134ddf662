/**
 * The last pass before the tokenizer: characters it cannot say are transliterated where a
 * sensible fallback exists (NFKD without combining marks, "é" -> "e"; a few letters NFKD keeps,
 * "ß" -> "ss", "ø" -> "o"; typographic quotes and dashes -> ASCII), otherwise dropped and counted,
 * so the job can list them instead of the model reading them as unknown tokens.
 */
const FALLBACKS: Readonly<Record<string, string>> = {
  ß: 'ss', ẞ: 'SS', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ð: 'd', Ð: 'D',
  þ: 'th', Þ: 'Th', ı: 'i', '“': '"', '”': '"', '„': '"', '«': '"', '»': '"', '‘': "'", '’': "'", '‚': "'", '–': '-', '—': '-',
  '…': '...', '\u00a0': ' ',
};
const COMBINING = /\p{M}/gu;

export interface SpeakableText {
  text: string;
  /** Characters dropped, with how often each occurred. */
  dropped: Record<string, number>;
}

export function keepSpeakable(text: string, isKnownChar: (ch: string) => boolean): SpeakableText {
  const dropped: Record<string, number> = {};
  let result = '';
  for (const ch of text) {
    if (isKnownChar(ch) || /\s/u.test(ch)) {
      result += ch;
      continue;
    }
    const fallback = transliterate(ch, isKnownChar);
    if (fallback !== undefined) result += fallback;
    else dropped[ch] = (dropped[ch] ?? 0) + 1;
  }
  return { text: result.replace(/ {2,}/gu, ' '), dropped };
}

function transliterate(ch: string, isKnownChar: (ch: string) => boolean): string | undefined {
  const candidates = [ch.normalize('NFKD').replace(COMBINING, ''), FALLBACKS[ch], ch.normalize('NFKC')];
  return candidates.find((c) => c !== undefined && c !== '' && c !== ch && [...c].every((x) => isKnownChar(x) || x === ' '));
}
