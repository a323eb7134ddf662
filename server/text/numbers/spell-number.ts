/**
 * A parsed number ("1234.56", "-3") in words, with the decimal word the language uses: Spain
 * says "coma" where n2words has "punto"; German writes "Komma" with a capital, as a noun.
 */
import type { LanguageCode } from '../../shared/languages.ts';
import { cardinal } from './number-words.ts';

const DECIMAL_WORD_FIXES: Partial<Record<LanguageCode, [RegExp, string]>> = {
  de: [/\bkomma\b/gu, 'Komma'],
  es: [/\bpunto\b/gu, 'coma'],
};

/** Portuguese joins a round hundred to the thousands with "e": "mil e quinhentos". */
const PORTUGUESE_ROUND_HUNDRED = /(mil) (cem|duzentos|trezentos|quatrocentos|quinhentos|seiscentos|setecentos|oitocentos|novecentos)$/u;

export function spellNumber(language: LanguageCode, plain: string): string {
  let words = cardinal(language, plain);
  if (language === 'pt') words = words.replace(PORTUGUESE_ROUND_HUNDRED, '$1 e $2');
  const fix = plain.includes('.') ? DECIMAL_WORD_FIXES[language] : undefined;
  return fix ? words.replace(fix[0], fix[1]) : words;
}

/**
 * The form a number takes before a unit or currency: German "ein Euro" (not "eins"), Spanish
 * "un euro", "veintiún euros", Italian "un euro", Chinese 两 for a lone 2 (两公斤).
 */
export function beforeNoun(language: LanguageCode, words: string): string {
  switch (language) {
    case 'de':
      return words.replace(/eins$/u, 'ein');
    case 'es':
      return words.replace(/veintiuno$/u, 'veintiún').replace(/uno$/u, 'un');
    case 'it':
      return words === 'uno' ? 'un' : words;
    case 'zh':
      return words === '二' ? '两' : words;
    default:
      return words;
  }
}
